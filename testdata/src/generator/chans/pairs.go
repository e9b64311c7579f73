package chans

import (
	"fmt"
	"sort"
	"time"
)

// wordCount is a word and how often it occurs.
type wordCount struct {
	word string
	n    int
}

// counts sends each distinct word of ws with its count, in word order:
// pairs, whose loops only select their fields, so an iter.Seq2.
func counts(ws []string) <-chan wordCount { // want `^channel generator counts: .*; fix: return an iter\.Seq2\[string, int\] .*$`
	ch := make(chan wordCount)
	go func() {
		defer close(ch)
		m := make(map[string]int)
		for _, w := range ws {
			m[w]++
		}
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			ch <- wordCount{k, m[k]}
		}
	}()
	return ch
}

// mostCommon returns the most common word of ws, the first in word order
// among equals. Its body already uses the name n, so the count's
// variable is named after the loop's.
func mostCommon(ws []string) (string, int) {
	best, n := "", 0
	for wc := range counts(ws) {
		if wc.n > n {
			best, n = wc.word, wc.n
		}
	}
	return best, n
}

// A tally is a word seen more than once, and how often.
type tally struct {
	word string
	n    int
}

// frequent returns the words of ws seen more than once. The keys of its
// struct literal are field names, which no scope resolves, so the loop's
// variables may still be named word and n.
func frequent(ws []string) []tally {
	var out []tally
	for wc := range counts(ws) {
		if wc.n > 1 {
			out = append(out, tally{word: wc.word, n: wc.n})
		}
	}
	return out
}

// span is a range of ints.
type span struct{ lo, hi int }

// spans sends the runs of consecutive ints in xs; one of its loops uses
// a span whole, so it stays an iter.Seq of spans.
func spans(xs []int) <-chan span { // want `^channel generator spans: .*; fix: return an iter\.Seq\[span\] .*$`
	ch := make(chan span)
	go func() {
		defer close(ch)
		for i := 0; i < len(xs); {
			j := i + 1
			for j < len(xs) && xs[j] == xs[j-1]+1 {
				j++
			}
			ch <- span{lo: xs[i], hi: xs[j-1]}
			i = j
		}
	}()
	return ch
}

// allSpans returns the spans of xs.
func allSpans(xs []int) []span {
	var out []span
	for s := range spans(xs) {
		out = append(out, s)
	}
	return out
}

// entry is a key and a value; entries below keys it out of field order,
// so its values would be evaluated in another order as yield's
// arguments: it stays an iter.Seq of entries.
type entry struct {
	key string
	val int
}

func entries(m map[string]int) <-chan entry { // want `^channel generator entries: .*; fix: return an iter\.Seq\[entry\] .*$`
	ch := make(chan entry)
	go func() {
		defer close(ch)
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			ch <- entry{val: m[k], key: k}
		}
	}()
	return ch
}

func entryKeys(m map[string]int) string {
	s := ""
	for e := range entries(m) {
		s += e.key
	}
	return s
}

// point is a pair that other code uses too: the fix keeps its type.
type point struct{ x, y int }

func (p point) String() string { return fmt.Sprint(p.x, ",", p.y) }

func diagonal(n int) <-chan point { // want `^channel generator diagonal: .*; fix: return an iter\.Seq2\[int, int\] .*$`
	ch := make(chan point)
	go func() {
		defer close(ch)
		for i := range n {
			ch <- point{i, i}
		}
	}()
	return ch
}

func trace(n int) int {
	t := 0
	for p := range diagonal(n) {
		t += p.x * p.y
	}
	return t
}

// timed is a pair whose field types the file names through an import.
type timed struct {
	at   time.Duration
	what string
}

func schedule(steps []string) <-chan timed { // want `^channel generator schedule: .*; fix: return an iter\.Seq2\[time\.Duration, string\] .*$`
	ch := make(chan timed)
	go func() {
		defer close(ch)
		for i, s := range steps {
			ch <- timed{at: time.Duration(i) * time.Second, what: s}
		}
	}()
	return ch
}

func last(steps []string) (time.Duration, string) {
	var at time.Duration
	var what string
	for t := range schedule(steps) {
		at, what = t.at, t.what
	}
	return at, what
}
