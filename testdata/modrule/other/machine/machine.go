// Package machine is in another module: its machine has a fix, but the
// loops' authors cannot apply it.
package machine

type phase int

const (
	start phase = iota
	middle
	end
)

type Machine struct{ p phase }

func (m *Machine) Poll() bool {
	switch m.p {
	case start:
		m.p = middle
	case middle:
		m.p = end
	default:
		return true
	}
	return false
}
