package refused

import "sort"

// logged defers another call, which would run in the loop's goroutine.
func logged(xs []int, log *[]string) <-chan int { // want `^channel generator logged: .*; no fix: the goroutine defers a call, which would run when the loop stops, in the loop's goroutine at shapes\.go:10 \(fsmvet help generator\)$`
	ch := make(chan int)
	go func() {
		defer close(ch)
		defer func() { *log = append(*log, "done") }()
		for _, x := range xs {
			ch <- x
		}
	}()
	return ch
}

// walked sends from a callback: a return there would not stop the walk.
func walked(xs []int) <-chan int { // want `^channel generator walked: .*; no fix: the goroutine sends from a function literal, which a return could not stop when the loop does at shapes\.go:24 \(fsmvet help generator\)$`
	ch := make(chan int)
	go func() {
		defer close(ch)
		sort.Slice(xs, func(i, j int) bool { return xs[i] < xs[j] })
		each(xs, func(x int) { ch <- x })
	}()
	return ch
}

func each(xs []int, f func(int)) {
	for _, x := range xs {
		f(x)
	}
}

// clause sends in a for clause.
func clause(n int) <-chan int { // want `^channel generator clause: .*; no fix: the goroutine sends in the header of a for, if or switch statement \(its init or post statement\) at shapes\.go:40 \(fsmvet help generator\)$`
	ch := make(chan int)
	go func() {
		defer close(ch)
		for i := 0; i < n; ch <- i {
			i++
		}
	}()
	return ch
}

// unclosed never closes its channel: its loops end only by leaving.
func unclosed() <-chan int { // want `^channel generator unclosed: .*; no fix: the goroutine never closes the channel, so the loops over it end only by leaving; the iterator's would end with the values at shapes\.go:50; the loop at shapes\.go:137 \(break\) can leave before the channel is closed, which leaves the goroutine blocked on its next send forever; the iterator stops instead \(fsmvet help generator\)$`
	ch := make(chan int)
	go func() {
		for i := 0; ; i++ {
			ch <- i
		}
	}()
	return ch
}

// twice closes on two paths.
func twice(b bool) <-chan int { // want `^channel generator twice: .*; no fix: the goroutine closes the channel twice at shapes\.go:67 \(fsmvet help generator\)$`
	ch := make(chan int)
	go func() {
		if b {
			close(ch)
			return
		}
		ch <- 1
		close(ch)
	}()
	return ch
}

// early returns before a close that is not deferred.
func early(xs []int) <-chan int { // want `^channel generator early: .*; no fix: the goroutine returns before closing the channel, so the loops over it would wait forever; the iterator's would end at shapes\.go:78 \(fsmvet help generator\)$`
	ch := make(chan int)
	go func() {
		for _, x := range xs {
			if x < 0 {
				return
			}
			ch <- x
		}
		close(ch)
	}()
	return ch
}

// branch closes in a branch.
func branch(xs []int) <-chan int { // want `^channel generator branch: .*; no fix: the goroutine closes the channel where the rewrite cannot remove it \(not deferred first, nor last\) at shapes\.go:94 \(fsmvet help generator\)$`
	ch := make(chan int)
	go func() {
		for i, x := range xs {
			ch <- x
			if i == len(xs)-1 {
				close(ch)
			}
		}
	}()
	return ch
}

// args passes its values to the goroutine's function.
func args(xs []int) <-chan int { // want `^channel generator args: .*; no fix: the goroutine's function takes arguments at shapes\.go:104 \(fsmvet help generator\)$`
	ch := make(chan int)
	go func(ys []int) {
		defer close(ch)
		for _, y := range ys {
			ch <- y
		}
	}(xs)
	return ch
}

// passed hands its channel to a function.
func passed(xs []int) <-chan int { // want `^channel generator passed: .*; no fix: the goroutine uses the channel other than by sending on it and closing it at shapes\.go:118 \(fsmvet help generator\)$`
	ch := make(chan int)
	go func() {
		defer close(ch)
		fill(ch, xs)
	}()
	return ch
}

func fill(ch chan<- int, xs []int) {
	for _, x := range xs {
		ch <- x
	}
}

func useShapes() {
	var log []string
	for range logged(nil, &log) {
	}
	for range walked(nil) {
	}
	for range clause(0) {
	}
	for v := range unclosed() {
		if v > 2 {
			break
		}
	}
	for range twice(false) {
	}
	for range early(nil) {
	}
	for range branch(nil) {
	}
	for range args(nil) {
	}
	for range passed(nil) {
	}
}

// none returns a nil channel for nothing to send, as std's template
// tests do: its loops would block forever, and an iterator's would panic.
func none(n int) chan string { // want `^channel generator none: .*; no fix: none also returns nil, which is no channel its loops would range over the same way as an iterator \(a nil channel blocks them forever\) at shapes\.go:158 \(fsmvet help generator\)$`
	if n == 0 {
		return nil
	}
	c := make(chan string)
	go func() {
		for i := 0; i < n; i++ {
			c <- "abcdefghijklmnop"[i : i+1]
		}
		close(c)
	}()
	return c
}

func useNone() {
	for range none(1) {
	}
}
