package stack

import "testing"

func TestTok(t *testing.T) {
	countThenSpace("x")
	if made("a b").n != 2 {
		t.Error("want 2 words")
	}
	for _, count := range []func(string) int{count, countPtr, countCopy, countNew, countMade, countRegistered, countLit} {
		if n := count("go vet  fix"); n != 3 {
			t.Errorf("%d words, want 3", n)
		}
	}
	countThrough("x")
}

func TestKeeper(t *testing.T) {
	ch := make(chan *keeper, 1)
	sent(1, ch)
	if flips(3) != 2 || later(3)() != 2 || (<-ch).flips != 1 {
		t.Error("want 2 flips on of 3, and 1 of 1")
	}
}

func TestTask(t *testing.T) {
	if n := runTask(newTask(), 3); n != 3 {
		t.Errorf("%d runs, want 3", n)
	}
}
