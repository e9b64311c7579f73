package chans

import (
	"sort"
	"strings"
)

// stack is a generic stack.
type stack[T any] struct{ items []T }

// all sends the items from the top: a method of a generic type.
func (s *stack[T]) all() <-chan T { // want `^channel generator \(\*stack\)\.all: .*; fix: return an iter\.Seq\[T\] .*; the loop at more\.go:26 \(break\) can leave .*$`
	ch := make(chan T)
	go func() {
		defer close(ch)
		for i := len(s.items) - 1; i >= 0; i-- {
			ch <- s.items[i]
		}
	}()
	return ch
}

// top returns the first n items from the top.
func top[T any](s *stack[T], n int) []T {
	var out []T
	for v := range s.all() {
		if len(out) == n {
			break
		}
		out = append(out, v)
	}
	return out
}

// sortedCopy sends xs sorted: the close is its last statement, and the
// only return is in a function literal of its own.
func sortedCopy(xs []int) <-chan int { // want `^channel generator sortedCopy: .*; fix: .*$`
	ch := make(chan int)
	go func() {
		ys := append([]int(nil), xs...)
		sort.Slice(ys, func(i, j int) bool { return ys[i] < ys[j] })
		for _, y := range ys {
			ch <- y
		}
		close(ch)
	}()
	return ch
}

func smallest(xs []int) int {
	for y := range sortedCopy(xs) {
		return y
	}
	return -1
}

// tape has a Read method that is not io.Reader's.
type tape struct{ cells []string }

func (t *tape) Read(i int) (string, bool) {
	if i >= len(t.cells) {
		return "", false
	}
	return t.cells[i], true
}

// cells sends a tape's cells: its Read reads no input, so the fix is
// offered.
func (t *tape) cells2() <-chan string { // want `^channel generator \(\*tape\)\.cells2: .*; fix: .*$`
	ch := make(chan string)
	go func() {
		defer close(ch)
		for i := 0; ; i++ {
			c, ok := t.Read(i)
			if !ok {
				return
			}
			ch <- c
		}
	}()
	return ch
}

func joinedTape(t *tape) string {
	var b strings.Builder
	for c := range t.cells2() {
		b.WriteString(c)
	}
	return b.String()
}

// digits sends the decimal digits of n, lowest first. Its loops leave
// early in every way but some only seem to: a break of a switch or of an
// inner loop, a continue of their own label, a return in a function
// literal.
func digits(n int) <-chan int { // want `^channel generator digits: .*; the loops at more\.go:134 \(continue\), more\.go:153 \(panic\), more\.go:164 \(goto\), more\.go:174 \(break\) can leave before the channel is closed, .*$`
	ch := make(chan int)
	go func() {
		defer close(ch)
		for {
			ch <- n % 10
			n /= 10
			if n == 0 {
				return
			}
		}
	}()
	return ch
}

// digitStats runs the loops over digits.
func digitStats(ns []int) (zeros, nines int, err string) {
	for _, n := range ns {
		for d := range digits(n) { // no exit: breaks only its switch and inner loops, continues itself
			switch {
			case d == 0:
				zeros++
				break
			}
			for range d {
				break
			}
		inner:
			for range d {
				break inner
			}
			if d == 5 {
				continue
			}
		}
	}
outer:
	for _, n := range ns {
		for d := range digits(n) {
			if d == 9 {
				nines++
				continue outer
			}
		}
	}
own:
	for d := range digits(ns[0]) { // no exit: a continue of its own label
		if d == 1 {
			continue own
		}
		_ = func() int { return d }
	}
	defer func() {
		if r := recover(); r != nil {
			err = r.(string)
		}
	}()
	for d := range digits(ns[0]) {
		if d > 9 {
			panic("not a digit")
		}
	}
	return zeros, nines, err
}

// lastDigit returns the first digit it sees.
func lastDigit(n int) int {
	d := -1
	for d = range digits(n) {
		goto done
	}
done:
	return d
}

// hasSeven reports whether n has a 7.
func hasSeven(n int) bool {
	found := false
	for d := range digits(n) {
		if d == 7 {
			found = true
			break
		}
	}
	return found
}
