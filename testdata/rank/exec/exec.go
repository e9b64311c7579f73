// Package exec holds poll loops.
package exec

// Task is what they poll.
type Task interface{ Poll() bool }

// Churn polls a task.
func Churn(t Task) {
	for !t.Poll() {
	}
}

// Spin polls a task.
func Spin(t Task) {
	for !t.Poll() {
	}
}

// Drive polls a task.
func Drive(t Task) {
	for !t.Poll() {
	}
}

// Pump polls a task.
func Pump(t Task) {
	for !t.Poll() {
	}
}

// Wait polls a task.
func Wait(t Task) {
	for !t.Poll() {
	}
}

// Nap polls a task.
func Nap(t Task) {
	for !t.Poll() {
	}
}

// Quiet polls a task.
func Quiet(t Task) {
	for !t.Poll() {
	}
}

// Stall polls a task.
func Stall(t Task) {
	for !t.Poll() {
	}
}

// Never polls a task.
func Never(t Task) {
	for !t.Poll() {
	}
}
