// Package prof is measured by a profile built by hand in
// passes/generator's TestProfile: its findings give their shares.
package prof

import (
	"iter"
	"slices"
	"strings"
)

func words(s string) <-chan string { // want `^channel generator words: .*\(fsmvet help generator\); CPU 62\.0% cum, 12\.0% flat, 50\.0% in channel hand-offs$`
	ch := make(chan string)
	go func() {
		defer close(ch)
		for _, w := range strings.Fields(s) {
			ch <- w
		}
	}()
	return ch
}

func countWords(s string) int {
	n := 0
	for range words(s) {
		n++
	}
	return n
}

func sum(xs []int) int {
	next, stop := iter.Pull(slices.Values(xs)) // want `^iter\.Pull loop: .*\(fsmvet help generator\); CPU 12\.0% cum, 0\.0% flat, 12\.0% in coroutine switches$`
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

func use() []iter.Seq[int] { return nil }
