// Package pulls holds iter.Pull loops generator rewrites to range over
// the sequence: their golden files are the fix, and their tests pass
// before and after it.
package pulls

import (
	"iter"
	"maps"
	"slices"
	"sort"
)

// sum adds up xs: the for-ever shape, stop deferred.
func sum(xs []int) int {
	next, stop := iter.Pull(slices.Values(xs)) // want `^iter\.Pull loop: only this loop calls next, until the sequence ends, so each value costs a switch to the sequence's coroutine and back, which ranging over the sequence avoids; fix: range over it, for v := range slices\.Values\(xs\) \(fsmvet help generator\)$`
	defer stop()
	total := 0
	for {
		v, ok := next()
		if !ok {
			break
		}
		total += v
	}
	return total
}

// firstNegative returns the index of the first negative x, or -1: the
// three-clause shape, with a return and a continue in the body.
func firstNegative(xs []int) int {
	next, stop := iter.Pull2(slices.All(xs)) // want `^iter\.Pull loop: .*; fix: range over it, for i, x := range slices\.All\(xs\) \(fsmvet help generator\)$`
	defer stop()
	for i, x, ok := next(); ok; i, x, ok = next() {
		if x >= 0 {
			continue
		}
		return i
	}
	return -1
}

// keys returns m's keys in order: Pull2 with the value blank, stop
// called after the loop rather than deferred.
func keys(m map[string]int) []string {
	var out []string
	next, stop := iter.Pull2(maps.All(m)) // want `^iter\.Pull loop: .*; fix: range over it, for k := range maps\.All\(m\) \(fsmvet help generator\)$`
	for {
		k, _, ok := next()
		if !ok {
			break
		}
		out = append(out, k)
	}
	stop()
	sort.Strings(out)
	return out
}

// countUntil counts xs up to the first x equal to end, or -1 when end
// is not there: a labelled loop, a switch breaking out of it, and a
// stop() before each return.
func countUntil(xs []string, end string) int {
	n := 0
	next, stop := iter.Pull(slices.Values(xs)) // want `^iter\.Pull loop: .*; fix: range over it, for x := range slices\.Values\(xs\) \(fsmvet help generator\)$`
	n = 0
scan:
	for {
		x, ok := next()
		if !ok {
			break
		}
		switch x {
		case end:
			break scan
		case "":
			stop()
			return -1
		}
		n++
	}
	stop()
	if n == len(xs) {
		return -1
	}
	return n
}

// nonEmpty counts the values of a sequence, discarding them: both range
// variables blank.
func nonEmpty(seq iter.Seq[string]) int {
	n := 0
	next, stop := iter.Pull(seq) // want `^iter\.Pull loop: .*; fix: range over it, for range seq \(fsmvet help generator\)$`
	defer stop()
	for {
		_, ok := next()
		if !ok {
			break
		}
		n++
	}
	return n
}

// squares sums the squares up to n of a sequence written in place: the
// message names it "the sequence".
func squares(n int) int {
	next, stop := iter.Pull(func(yield func(int) bool) { // want `^iter\.Pull loop: .*; fix: range over it, for i := range the sequence \(fsmvet help generator\)$`
		for i := range n {
			if !yield(i * i) {
				return
			}
		}
	})
	defer stop()
	total := 0
	for i, ok := next(); ok; i, ok = next() {
		total += i
	}
	return total
}

// odds collects the values at odd indexes of xs: Pull2 with a blank key.
func odds(xs []string) []string {
	var out []string
	next, stop := iter.Pull2(slices.All(xs)) // want `^iter\.Pull loop: .*; fix: range over it, for _, x := range slices\.All\(xs\) \(fsmvet help generator\)$`
	defer stop()
	i := 0
	for {
		_, x, ok := next()
		if !ok {
			break
		}
		if i%2 == 1 {
			out = append(out, x)
		}
		i++
	}
	return out
}
