// Package chans holds channel generators generator rewrites: their
// golden files are the fix, and their tests pass before and after it
// (but for TestFixed*, which show what the fix changes).
package chans

import (
	"strings"
)

// fields sends the words of s. Its loops break early, which leaks the
// goroutine today.
func fields(s string) <-chan string { // want `^channel generator fields: its goroutine sends each value over the channel it returns, a goroutine switch per value, and every caller only ranges over it; fix: return an iter\.Seq\[string\] that yields each value, with no goroutine and no channel; the loops at chans\.go:25 \(return\), chans\.go:36 \(break\) can leave before the channel is closed, which leaves the goroutine blocked on its next send forever; the iterator stops instead \(fsmvet help generator\)$`
	ch := make(chan string)
	go func() {
		defer close(ch)
		for _, w := range strings.Fields(s) {
			ch <- w
		}
	}()
	return ch
}

// firstLong returns the first word of s longer than n bytes.
func firstLong(s string, n int) string {
	for w := range fields(s) {
		if len(w) > n {
			return w
		}
	}
	return ""
}

// firstTwo returns the first two words of s.
func firstTwo(s string) []string {
	var out []string
	for w := range fields(s) {
		out = append(out, w)
		if len(out) == 2 {
			break
		}
	}
	return out
}

// cells sends the non-zero cells of a grid, row by row, stopping at the
// first negative one: nested loops, a labelled break, and a return.
func cells(grid [][]int) <-chan int { // want `^channel generator cells: .*; fix: return an iter\.Seq\[int\] .*$`
	out := make(chan int)
	go func() {
		defer close(out)
		if len(grid) == 0 {
			return
		}
	rows:
		for _, row := range grid {
			for _, c := range row {
				switch {
				case c < 0:
					break rows
				case c == 0:
					continue
				}
				out <- c
			}
		}
	}()
	return out
}

// sumCells adds up the cells until the total passes limit.
func sumCells(grid [][]int, limit int) int {
	total := 0
	for c := range cells(grid) {
		total += c
		if total > limit {
			break
		}
	}
	return total
}

// values sends xs: a generic generator, closed by its last statement.
func values[T any](xs []T) <-chan T { // want `^channel generator values: .*; fix: return an iter\.Seq\[T\] .*$`
	ch := make(chan T)
	go func() {
		for _, x := range xs {
			ch <- x
		}
		close(ch)
	}()
	return ch
}

// collect copies xs through values.
func collect[T any](xs []T) []T {
	var out []T
	for x := range values(xs) {
		out = append(out, x)
	}
	return out
}

// count counts the strings through an explicit instance, assigning the
// loop's variable declared outside it.
func count(xs []string) (n int, last string) {
	for last = range values[string](xs) {
		n++
	}
	return n, last
}

// checked sends the lengths of xs, and panics on an empty string: the
// panic, which crashed the program, reaches the loop once rewritten.
func checked(xs []string) <-chan int { // want `^channel generator checked: its goroutine sends each value over the buffered channel it returns.*; fix: .*benchmark it\) \(fsmvet help generator\)$`
	ch := make(chan int, 4)
	go func() {
		defer close(ch)
		for _, x := range xs {
			if x == "" {
				panic("checked: an empty string")
			}
			ch <- len(x)
		}
	}()
	return ch
}

// totalLen adds up the lengths of xs.
func totalLen(xs []string) int {
	n := 0
	for l := range checked(xs) {
		n += l
	}
	return n
}

// tree is a binary search tree.
type tree struct {
	left, right *tree
	v           int
}

// walk sends the values of t in order: a recursive generator method,
// whose goroutine ranges over its children's walks.
func (t *tree) walk() <-chan int { // want `^channel generator \(\*tree\)\.walk: .*; fix: return an iter\.Seq\[int\] .*$`
	ch := make(chan int)
	go func() {
		defer close(ch)
		if t == nil {
			return
		}
		for v := range t.left.walk() {
			ch <- v
		}
		ch <- t.v
		for v := range t.right.walk() {
			ch <- v
		}
	}()
	return ch
}

// insert adds v to t.
func (t *tree) insert(v int) *tree {
	if t == nil {
		return &tree{v: v}
	}
	if v < t.v {
		t.left = t.left.insert(v)
	} else {
		t.right = t.right.insert(v)
	}
	return t
}

// sorted returns t's values in order.
func (t *tree) sorted() []int {
	var out []int
	for v := range t.walk() {
		out = append(out, v)
	}
	return out
}

// repeat sends s+sep n times; its parameters named yield and yield2 make
// the iterator's parameter yield3.
func repeat(yield, yield2 string, n int) <-chan string { // want `^channel generator repeat: .*; fix: .*$`
	ch := make(chan string)
	go func() {
		defer close(ch)
		for range n {
			ch <- yield + yield2
		}
	}()
	return ch
}

// joined joins n copies of s.
func joined(s string, n int) string {
	var b strings.Builder
	for r := range repeat(s, "", n) {
		b.WriteString(r)
	}
	return b.String()
}
