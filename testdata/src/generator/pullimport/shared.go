package pullimport

import (
	"iter"
	"slices"
)

// evens is a channel generator whose fix would use the iter import that
// the fix of the Pull loop below deletes: the two fixes overlap there,
// so that a driver applies one of them per run.
func evens(n int) <-chan int { // want `^channel generator evens: .*; fix: .*$`
	ch := make(chan int)
	go func() {
		defer close(ch)
		for i := 0; i < n; i += 2 {
			ch <- i
		}
	}()
	return ch
}

// total pulls the evens' sum.
func total(xs []int) int {
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
	for v := range evens(4) {
		n += v
	}
	return n
}
