// Package pullimport holds Pull loops in a file that imports iter for
// them alone: their fixes come one at a time, the last one deleting the
// import, so that any fix offered compiles alone and with the others.
package pullimport

import (
	"iter"
	"slices"
)

// sum is the first Pull loop of the file: its fix is offered.
func sum(xs []int) int {
	next, stop := iter.Pull(slices.Values(xs)) // want `^iter\.Pull loop: .*$`
	defer stop()
	n := 0
	for {
		v, ok := next()
		if !ok {
			break
		}
		n += v
	}
	return n
}

// product is the second: its fix waits for the first's.
func product(xs []int) int {
	next, stop := iter.Pull(slices.Values(xs))
	defer stop()
	n := 1
	for {
		v, ok := next()
		if !ok {
			break
		}
		n *= v
	}
	return n
}
