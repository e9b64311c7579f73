package pulls

import "iter"

import "slices"

// sums sums each of xss with a function literal, whose Pull loop runs
// where profiles place it: in sums.func1, not in sums. The sequence's
// expression is 40 characters, the longest a message writes out; the
// file imports iter alone, in a declaration of its own, which the fix
// deletes.
func sums(xss [][]int) []int {
	var out []int
	add := func(tenthsOfDegreesFromSensor []int) {
		next, stop := iter.Pull(slices.Values(tenthsOfDegreesFromSensor)) // want `^iter\.Pull loop: .*; fix: range over it, for v := range slices\.Values\(tenthsOfDegreesFromSensor\) \(fsmvet help generator\)$`
		defer stop()
		n := 0
		for {
			v, ok := next()
			if !ok {
				break
			}
			n += v
		}
		out = append(out, n)
	}
	for _, xs := range xss {
		add(xs)
	}
	return out
}
