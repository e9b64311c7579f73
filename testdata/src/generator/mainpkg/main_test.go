package main

import "testing"

func TestShout(t *testing.T) {
	if got := shout("a b"); got != "A B" {
		t.Errorf("shout = %q", got)
	}
}
