package chans

// upTo sends 0 to n-1 over a channel whose buffer is n, which is not
// constant: a buffer, as far as anyone can tell before it runs.
func upTo(n int) <-chan int { // want `^channel generator upTo: its goroutine sends each value over the buffered channel it returns.*\(the buffer lets the goroutine run ahead of the loop, which the iterator does not: benchmark it\) \(fsmvet help generator\)$`
	ch := make(chan int, n)
	go func() {
		defer close(ch)
		for i := range n {
			ch <- i
		}
	}()
	return ch
}

// downFrom sends n to 1 over a channel made with a size of zero: no
// buffer.
func downFrom(n int) <-chan int { // want `^channel generator downFrom: its goroutine sends each value over the channel it returns, .*the iterator stops instead \(fsmvet help generator\)$`
	ch := make(chan int, 0)
	go func() {
		defer close(ch)
		for i := n; i > 0; i-- {
			ch <- i
		}
	}()
	return ch
}

// sums adds up upTo(n) and downFrom(n), the latter until it passes stop.
func sums(n, stop int) (up, down int) {
	for i := range upTo(n) {
		up += i
	}
	for i := range downFrom(n) {
		if i < stop {
			break
		}
		down += i
	}
	return up, down
}

// pick returns the first number downFrom(n) sends below limit, doubled
// when it is even, or 0 when it is 1 or none is: its loop leaves by two
// returns and a break, and says so with each way once.
func pick(n, limit int) int {
	for i := range downFrom(n) {
		if i >= limit {
			continue
		}
		if i%2 == 0 {
			return 2 * i
		}
		if i > 1 {
			return i
		}
		break
	}
	return 0
}
