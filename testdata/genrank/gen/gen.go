// Package gen holds generators for report's TestGenerators, which ranks
// them under a profile written by hand: a channel generator with a fix
// whose loop leaves early, an exported one whose fix is refused, and an
// iter.Pull loop.
package gen

import (
	"iter"
	"slices"
	"strings"
)

func words(s string) <-chan string {
	ch := make(chan string)
	go func() {
		defer close(ch)
		for _, w := range strings.Fields(s) {
			ch <- w
		}
	}()
	return ch
}

// CountWords counts the words of s up to the first ".".
func CountWords(s string) int {
	n := 0
	for w := range words(s) {
		if w == "." {
			break
		}
		n++
	}
	return n
}

// Lines sends the lines of s.
func Lines(s string) <-chan string {
	ch := make(chan string)
	go func() {
		defer close(ch)
		for _, l := range strings.Split(s, "\n") {
			ch <- l
		}
	}()
	return ch
}

// Sum adds up xs.
func Sum(xs []int) int {
	next, stop := iter.Pull(slices.Values(xs))
	defer stop()
	total := 0
	for {
		v, ok := next()
		if !ok {
			break
		}
		total += v
	}
	for range Lines("") {
	}
	return total
}

// Seqs keeps the iter import used by more than the Pull loop.
func Seqs() []iter.Seq[int] { return nil }
