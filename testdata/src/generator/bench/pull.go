package bench

import (
	"iter"
	"slices"
)

// sum adds xs up through iter.Pull.
func sum(xs []int) int {
	total := 0
	next, stop := iter.Pull(slices.Values(xs)) // want `^iter.Pull loop: .*$`
	defer stop()
	for {
		v, ok := next()
		if !ok {
			break
		}
		total += v
	}
	return total
}
