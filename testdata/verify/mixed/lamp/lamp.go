// Package lamp holds a machine that its tests check but no benchmark
// measures.
package lamp

type light int

const (
	off light = iota
	on
	blown
)

// Lamp is switched on and off until it blows.
type Lamp struct {
	light    light
	switches int
}

// Toggle switches the lamp and reports whether it has blown.
func (l *Lamp) Toggle() bool {
	switch l.light {
	case off:
		l.light = on
	case on:
		l.light = off
		if l.switches++; l.switches == 2 {
			l.light = blown
		}
	default:
		return true
	}
	return false
}
