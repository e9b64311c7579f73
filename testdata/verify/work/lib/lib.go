// Package lib is another module of the workspace, with a machine of its
// own, which verify run in app must leave alone: it is the user's, not
// in the copy.
package lib

// Inc returns n+1.
func Inc(n int) int { return n + 1 }

type state int

const (
	closed state = iota
	open
)

// Gate opens and closes.
type Gate struct{ state state }

// Push opens a closed gate and closes an open one, and reports whether
// it is open.
func (g *Gate) Push() bool {
	switch g.state {
	case closed:
		g.state = open
		return true
	default:
		g.state = closed
		return false
	}
}
