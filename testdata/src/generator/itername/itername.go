// Package itername declares its own iter, which the rewritten signature
// could not name package iter by.
package itername

var iter = 0

func values(xs []int) <-chan int { // want `^channel generator values: .*; no fix: the name iter means something else here, or package iter is dot-imported at itername\.go:\d+ \(fsmvet help generator\)$`
	ch := make(chan int)
	go func() {
		defer close(ch)
		for _, x := range xs {
			ch <- x + iter
		}
	}()
	return ch
}

func use() {
	for range values(nil) {
	}
}
