package itername

import it "iter"

var _ it.Seq[int]

// shadowed names its parameter it, the name its file imports iter by.
func shadowed(it []int) <-chan int { // want `^channel generator shadowed: .*; no fix: the name iter means something else here.*$`
	ch := make(chan int)
	go func() {
		defer close(ch)
		for _, x := range it {
			ch <- x
		}
	}()
	return ch
}

func useShadowed() {
	for range shadowed(nil) {
	}
}
