// Package count holds a small machine that lives on the stack. Its fix
// makes the state a function value called with the machine's address,
// which the compiler cannot follow: the machine escapes to the heap, and
// every Count allocates once more. fsmswitch offers no fix for a machine
// it can see living on a function's stack; Count hides it behind run,
// which returns the machine it is passed (a flow fsmswitch's stack rule
// takes as leaking), so that verify has an allocating fix to measure.
package count

type phase int

const (
	start phase = iota
	middle
	end
)

// Counter counts to four, one step at a time.
type Counter struct {
	phase phase
	n     int
}

// Step runs one step and reports whether the counter is done.
func (c *Counter) Step() bool {
	switch c.phase {
	case start:
		c.phase = middle
	case middle:
		if c.n++; c.n == 4 {
			c.phase = end
		}
	default:
		return true
	}
	return false
}

// Count drives a counter that lives on the stack to its end.
func Count() int {
	return run(new(Counter)).n
}

// run drives c to its end and returns it.
func run(c *Counter) *Counter {
	for !c.Step() {
	}
	return c
}
