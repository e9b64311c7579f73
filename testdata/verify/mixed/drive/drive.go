// Package drive runs any machine to its end through an interface: a poll
// loop that reaches the machines of the other packages, which it does not
// import.
package drive

// A Task is a machine that runs one step at a time.
type Task interface{ Step() bool }

// Drive steps a task until it is done and returns the number of steps.
func Drive(t Task) int {
	n := 1
	for !t.Step() {
		n++
	}
	return n
}
