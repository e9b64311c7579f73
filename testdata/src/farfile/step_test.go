package farfile

import (
	"strings"
	"testing"

	"escape"
)

func TestStep(t *testing.T) {
	m := escape.Heap(new(farStep))
	var b strings.Builder
	for range 3 {
		m.step(&b)
	}
	if b.String() != "aba" {
		t.Errorf("steps wrote %q, want aba", b.String())
	}
}

func TestAliasStep(t *testing.T) {
	m := escape.Heap(new(aliasStep))
	var b strings.Builder
	for range 3 {
		m.step(&b)
	}
	if b.String() != "xx" {
		t.Errorf("steps wrote %q, want xx", b.String())
	}
}

func TestOtherStep(t *testing.T) {
	m := escape.Heap(new(otherStep))
	var b strings.Builder
	for range 3 {
		m.step(&b)
	}
	if b.String() != "OpO" {
		t.Errorf("steps wrote %q, want OpO", b.String())
	}
}
