// Package pollall holds loops that pollloop reports only with
// -pollloop.all: a reader drained until EOF and a Next iterator. A loop
// whose arguments change each iteration is never a poll.
package pollall

import "io"

func drain(r io.Reader, buf []byte) int {
	total := 0
	for {
		n, err := r.Read(buf) // want `interface-dispatched poll loop: io.Reader.Read decides when this loop ends`
		total += n
		if err != nil {
			return total
		}
	}
}

type iterator interface{ Next() bool }

func count(it iterator) int {
	n := 0
	for it.Next() { // want `iterator.Next decides when this loop ends`
		n++
	}
	return n
}

type lesser interface{ Less(i, j int) bool }

func insertionSort(data lesser, n int) {
	for i := 1; i < n; i++ {
		for j := i; j > 0 && data.Less(j, j-1); j-- {
		}
	}
}
