//go:build go1.23

// This file's Go version is 1.23, the first that ranges over a
// function: its generator is rewritten.

package chans

// evens sends the even numbers below n.
func evens(n int) <-chan int { // want `^channel generator evens: .*; fix: return an iter\.Seq\[int\] .*$`
	ch := make(chan int)
	go func() {
		defer close(ch)
		for i := 0; i < n; i += 2 {
			ch <- i
		}
	}()
	return ch
}

// sumEvens adds up the even numbers below n.
func sumEvens(n int) int {
	s := 0
	for v := range evens(n) {
		s += v
	}
	return s
}
