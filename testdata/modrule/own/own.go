// Package own is in the module of the loops: its machine has a fix.
package own

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
