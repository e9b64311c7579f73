package main

import "testing"

func TestShout(t *testing.T) {
	if got := shout("a b"); got != "A B" {
		t.Errorf("shout = %q", got)
	}
}

func TestCount(t *testing.T) {
	if got := count(&Deck{cards: []string{"a", "b"}}); got != 2 {
		t.Errorf("count = %d", got)
	}
}
