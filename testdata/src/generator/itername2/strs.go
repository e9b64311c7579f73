// Package itername2 imports another package under the name iter, which
// the rewritten signature would need for package iter.
package itername2

import iter "strings"

func words(s string) <-chan string { // want `^channel generator words: .*; no fix: the name iter means something else here, or package iter is dot-imported at strs\.go:\d+ \(fsmvet help generator\)$`
	ch := make(chan string)
	go func() {
		defer close(ch)
		for _, w := range iter.Fields(s) {
			ch <- w
		}
	}()
	return ch
}

func use() {
	for range words("") {
	}
}
