// Package app holds a machine of a module that builds only in its
// workspace: it imports a module that its go.mod does not require, which
// the workspace's go.work provides.
package app

import "example.com/lib"

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
		if l.switches = lib.Inc(l.switches); l.switches == 2 {
			l.light = blown
		}
	default:
		return true
	}
	return false
}
