package itername2

import . "iter"

var _ Seq[int]

func ints(n int) <-chan int { // want `^channel generator ints: .*; no fix: the name iter means something else here, or package iter is dot-imported at dot\.go:\d+ \(fsmvet help generator\)$`
	ch := make(chan int)
	go func() {
		defer close(ch)
		for i := range n {
			ch <- i
		}
	}()
	return ch
}

func useInts() {
	for range ints(1) {
	}
}
