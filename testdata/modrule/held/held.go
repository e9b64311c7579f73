// Package held has only an unexported machine, which NewHidden returns.
package held

type phase int

const (
	start phase = iota
	middle
	end
)

type hidden struct{ p phase }

func (m *hidden) Poll() bool {
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

func NewHidden() *hidden { return &hidden{} }
