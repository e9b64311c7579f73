// Package negative holds what generator does not report, even with
// -generator.all: shapes that are not a channel generator or an
// iter.Pull loop it could rewrite.
package negative

import (
	"iter"
	"slices"
)

// named starts a named function: the goroutine is not a literal.
func named(xs []int) <-chan int {
	ch := make(chan int)
	go produce(ch, xs)
	return ch
}

func produce(ch chan<- int, xs []int) {
	defer close(ch)
	for _, x := range xs {
		ch <- x
	}
}

// primed sends before starting the goroutine: the function uses the
// channel itself.
func primed(xs []int) <-chan int {
	ch := make(chan int, 1)
	ch <- 0
	go func() {
		defer close(ch)
		for _, x := range xs {
			ch <- x
		}
	}()
	return ch
}

// namedResult declares its result.
func namedResult(xs []int) (out <-chan int) {
	ch := make(chan int)
	go func() {
		defer close(ch)
		for _, x := range xs {
			ch <- x
		}
	}()
	return ch
}

// withErr returns more than the channel.
func withErr(xs []int) (<-chan int, error) {
	ch := make(chan int)
	go func() {
		defer close(ch)
		for _, x := range xs {
			ch <- x
		}
	}()
	return ch, nil
}

// sink returns a channel for sending.
func sink() chan<- int {
	ch := make(chan int)
	go func() {
		for range ch {
		}
	}()
	return ch
}

// later does something after starting the goroutine.
func later(xs []int, n *int) <-chan int {
	ch := make(chan int)
	go func() {
		defer close(ch)
		for _, x := range xs {
			ch <- x
		}
	}()
	*n++
	return ch
}

// zip pulls two sequences in step: what iter.Pull is for.
func zip(a, b []int) []int {
	na, sa := iter.Pull(slices.Values(a))
	defer sa()
	nb, sb := iter.Pull(slices.Values(b))
	defer sb()
	var out []int
	for {
		x, ok1 := na()
		y, ok2 := nb()
		if !ok1 || !ok2 {
			break
		}
		out = append(out, x+y)
	}
	return out
}

// skipFirst calls next before the loop too.
func skipFirst(xs []int) int {
	next, stop := iter.Pull(slices.Values(xs))
	defer stop()
	next()
	n := 0
	for {
		v, ok := next()
		if !ok {
			break
		}
		n += v
	}
	return n
}

// leaked never stops the pull.
func leaked(xs []int) int {
	next, _ := iter.Pull(slices.Values(xs))
	n := 0
	for {
		v, ok := next()
		if !ok {
			break
		}
		n += v
	}
	return n
}

// okAfter uses ok after the test.
func okAfter(xs []int) int {
	next, stop := iter.Pull(slices.Values(xs))
	defer stop()
	n := 0
	for {
		v, ok := next()
		if !ok {
			break
		}
		if ok {
			n += v
		}
	}
	return n
}

// busy calls a function between the pull and the loop, which could
// change what the sequence's expression means.
func busy(xs []int) int {
	next, stop := iter.Pull(slices.Values(xs))
	defer stop()
	xs = reset(xs)
	n := 0
	for {
		v, ok := next()
		if !ok {
			break
		}
		n += v
	}
	return n
}

func reset(xs []int) []int { return xs[:0] }

// kept hands stop on.
func kept(xs []int, stops *[]func()) int {
	next, stop := iter.Pull(slices.Values(xs))
	*stops = append(*stops, stop)
	n := 0
	for {
		v, ok := next()
		if !ok {
			break
		}
		n += v
	}
	stop()
	return n
}

// unstopped stops after the loop but returns from it without stopping.
func unstopped(xs []int) int {
	next, stop := iter.Pull(slices.Values(xs))
	n := 0
	for {
		v, ok := next()
		if !ok {
			break
		}
		if v < 0 {
			return -1
		}
		n += v
	}
	stop()
	return n
}

// Pull is not iter.Pull.
func Pull(seq iter.Seq[int]) (func() (int, bool), func()) { return iter.Pull(seq) }

func notIter(xs []int) int {
	next, stop := Pull(slices.Values(xs))
	defer stop()
	n := 0
	for {
		v, ok := next()
		if !ok {
			break
		}
		n += v
	}
	return n
}

func use() {
	for range named(nil) {
	}
	for range primed(nil) {
	}
	for range namedResult(nil) {
	}
	c, _ := withErr(nil)
	for range c {
	}
	var n int
	for range later(nil, &n) {
	}
}

// drained pulls only to run the sequence, as std's runtime/pprof test
// of coroutines does: the pull is the point.
func drained(seq iter.Seq2[int, int]) {
	next, stop := iter.Pull2(seq)
	defer stop()
	for {
		_, _, ok := next()
		if !ok {
			break
		}
	}
}

// drained3 is the same in the three-clause shape.
func drained3(seq iter.Seq[int]) {
	next, stop := iter.Pull(seq)
	defer stop()
	for _, ok := next(); ok; _, ok = next() {
	}
}

// shifted changes what the sequence's expression names between the pull
// and the loop.
func shifted(xs []int) int {
	next, stop := iter.Pull(slices.Values(xs))
	defer stop()
	xs = xs[1:]
	n := len(xs)
	for {
		v, ok := next()
		if !ok {
			break
		}
		n += v
	}
	return n
}

// escapes stops after the loop, but a labelled break leaves past it.
func escapes(rows [][]int) int {
	n := 0
outer:
	for _, row := range rows {
		next, stop := iter.Pull(slices.Values(row))
		for {
			v, ok := next()
			if !ok {
				break
			}
			if v < 0 {
				break outer
			}
			n += v
		}
		stop()
	}
	return n
}

// crossed assigns another variable than it declares in the post
// statement.
func crossed(xs []int) int {
	var w int
	next, stop := iter.Pull(slices.Values(xs))
	defer stop()
	n := 0
	for v, ok := next(); ok; w, ok = next() {
		n += v + w
	}
	return n
}

// done closes its channel when work is done, and sends nothing: a
// signal, not a generator.
func done(work func()) <-chan struct{} {
	ch := make(chan struct{})
	go func() {
		work()
		close(ch)
	}()
	return ch
}

func waitDone() {
	for range done(func() {}) {
	}
}

// lateStop stops the pull, but not right after the loop.
func lateStop(xs []int) int {
	next, stop := iter.Pull(slices.Values(xs))
	n := 0
	for {
		v, ok := next()
		if !ok {
			break
		}
		n += v
	}
	n++
	stop()
	return n
}

// noted calls a function between the pull and the loop, which may change
// what the sequence yields.
func noted(xs []int, note func()) int {
	next, stop := iter.Pull(slices.Values(xs))
	defer stop()
	note()
	n := 0
	for {
		v, ok := next()
		if !ok {
			break
		}
		n += v
	}
	return n
}

// stopsInside stops the pull from inside the loop too.
func stopsInside(xs []int) int {
	next, stop := iter.Pull(slices.Values(xs))
	defer stop()
	n := 0
	for {
		v, ok := next()
		if !ok {
			break
		}
		if v < 0 {
			stop()
		}
		n += v
	}
	return n
}

// skipping calls next in the loop's body too.
func skipping(xs []int) int {
	next, stop := iter.Pull(slices.Values(xs))
	defer stop()
	n := 0
	for {
		v, ok := next()
		if !ok {
			break
		}
		if v == 0 {
			next()
		}
		n += v
	}
	return n
}

// spinning continues rather than breaks when the pull is done.
func spinning(xs []int, limit int) int {
	next, stop := iter.Pull(slices.Values(xs))
	defer stop()
	n := 0
	for {
		v, ok := next()
		if !ok {
			continue
		}
		n += v
		if n > limit {
			return n
		}
	}
}

// firstAbove's loop ends the function: no stop() follows it, and
// returns in it stop the pull.
func firstAbove(xs []int, limit int) int {
	next, stop := iter.Pull(slices.Values(xs))
	for {
		v, ok := next()
		if !ok || v > limit {
			stop()
			return v
		}
	}
}

// received waits on a channel between the pull and the loop, which
// may change what the sequence yields.
func received(xs []int, ready <-chan bool) int {
	next, stop := iter.Pull(slices.Values(xs))
	defer stop()
	<-ready
	n := 0
	for {
		v, ok := next()
		if !ok {
			break
		}
		n += v
	}
	return n
}
