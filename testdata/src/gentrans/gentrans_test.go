package gentrans

import (
	"testing"

	"escape"
)

func TestDecoder(t *testing.T) {
	d := escape.Heap(new(decoder))
	steps := 1
	for !d.step() {
		steps++
	}
	if steps != 5 || d.n != 3 {
		t.Errorf("done after %d steps with n = %d, want 5 and 3", steps, d.n)
	}
}

func TestCorruptPhasePanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("a corrupt phase did not panic")
		}
	}()
	d := escape.Heap(new(decoder))
	d.corrupt(7)
	d.step()
}
