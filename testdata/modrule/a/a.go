// Package a polls a machine of its own module: reported.
package a

import _ "example.com/modrule/own"

type Task interface{ Poll() bool }

func Run(t Task) {
	for !t.Poll() { // want `^poll loop: Task\.Poll is called through an interface on every iteration until its result ends the loop; its one visible implementation is a state machine that also switches on its state every step: own\.\*Machine \(Machine\.p, 3 states, fix offered\)$`
	}
}
