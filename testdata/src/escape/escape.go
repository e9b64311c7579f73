// Package escape keeps on the heap the machines the fixtures' tests
// drive, as a program does that holds its machines in longer-lived
// structures (a connection's parser, an executor's tasks). fsmswitch
// offers no rewrite of a machine that lives on one function's stack: the
// rewrite's call through a function value would move it to the heap.
package escape

var kept []any

// Heap returns p, kept reachable for good.
func Heap[T any](p *T) *T {
	kept = append(kept, p)
	return p
}
