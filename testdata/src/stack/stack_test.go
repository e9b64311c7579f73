package stack

import "testing"

func TestTok(t *testing.T) {
	countThenSpace("x")
	if made("a b").n != 2 {
		t.Error("want 2 words")
	}
	for _, count := range []func(string) int{count, countPtr, countCopy, countNew, countMade, countMadeVar, countKept, countRegistered, countLit} {
		if n := count("go vet  fix"); n != 3 {
			t.Errorf("%d words, want 3", n)
		}
	}
	countThrough("x")
	if n := countPair("go vet  fix"); n != 5 || len(lastToks) != 2 {
		t.Errorf("%d words in the pair's halves, %d kept; want 5 and 2", n, len(lastToks))
	}
}

func TestKeeper(t *testing.T) {
	ch := make(chan *keeper, 1)
	sent(1, ch)
	if flips(3) != 2 || later(3)() != 2 || (<-ch).flips != 1 {
		t.Error("want 2 flips on of 3, and 1 of 1")
	}
}

// TestKeeperOnStack keeps a keeper on its stack, which the fix moves to
// the heap: a test's allocation, not the program's, so keeper's fix is
// still offered.
func TestKeeperOnStack(t *testing.T) {
	var k keeper
	k.flip()
	k.flip()
	if k.flips != 1 {
		t.Errorf("%d flips on of 2, want 1", k.flips)
	}
}

func TestTask(t *testing.T) {
	if n := runTask(newTask(), 3); n != 3 {
		t.Errorf("%d runs, want 3", n)
	}
}
