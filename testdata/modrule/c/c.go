// Package c holds a value of held's unexported machine, so every driver
// knows the type: it is visible, and the loop reported.
package c

import "example.com/modrule/held"

var h = held.NewHidden()

type Task interface{ Poll() bool }

func Run(t Task) {
	for !t.Poll() { // want `^poll loop: Task\.Poll is called through an interface on every iteration until its result ends the loop; its one visible implementation is a state machine that also switches on its state every step: held\.\*hidden \(hidden\.p, 3 states, fix offered\)$`
	}
}
