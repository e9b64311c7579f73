package trailing

import (
	"testing"

	"escape"
)

func TestParser(t *testing.T) {
	p := escape.Heap(newParser())
	for _, c := range []byte("go=vet") {
		if err := p.step(c); err != nil {
			t.Fatal(err)
		}
	}
	if string(p.key) != "go" || string(p.value) != "vet" {
		t.Errorf("key %q value %q", p.key, p.value)
	}
	if err := p.step('='); err == nil {
		t.Error("no error for a second =")
	}
}

// TestParserCorrupt: a parser not made by newParser is in no state and
// panics, as the code after the switch did.
func TestParserCorrupt(t *testing.T) {
	defer func() {
		if r := recover(); r != "parser in no state" {
			t.Errorf("recovered %v, want the panic after the switch", r)
		}
	}()
	escape.Heap(new(parser)).step('x')
	t.Error("a zero parser stepped")
}

func TestLamp(t *testing.T) {
	l := escape.Heap(new(lamp))
	var got []bool
	for range 8 {
		got = append(got, l.flip())
	}
	want := []bool{false, true, false, true, false, false, false, false}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("flips %v, want %v", got, want)
		}
	}
	if l.toggle != -1 {
		t.Errorf("a broken lamp has toggle %d, want -1", l.toggle)
	}
}
