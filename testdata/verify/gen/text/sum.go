package text

import (
	"iter"
	"slices"
)

// Sum adds xs up, pulling them one at a time.
func Sum(xs []int) int {
	total := 0
	next, stop := iter.Pull(slices.Values(xs))
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
