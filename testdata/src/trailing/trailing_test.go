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

func TestDoor(t *testing.T) {
	d := escape.Heap(new(door))
	var got []int
	for range 6 {
		got = append(got, d.knock())
	}
	want := []int{0, 1, 2, -1, 0, -1}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("knocks %v, want %v", got, want)
		}
	}
}

func TestValve(t *testing.T) {
	v := escape.Heap(new(valve))
	if n, err := v.open(3); n != 3 || err != nil {
		t.Errorf("low: %d %v", n, err)
	}
	if n, err := v.open(4); n != 8 || err != nil {
		t.Errorf("high: %d %v", n, err)
	}
	v.open(1)
	if _, err := v.open(-1); err == nil {
		t.Error("no error for a negative reading")
	}
}

// TestFlag: the zero flag and the off flag are in no state a case names:
// the code after the switch runs for both.
func TestFlag(t *testing.T) {
	f := escape.Heap(newFlag())
	var got []string
	for range 3 {
		got = append(got, f.wave())
	}
	if got[0] != "red" || got[1] != "green" || got[2] != "none" {
		t.Errorf("waves %v", got)
	}
	if w := escape.Heap(new(flag)).wave(); w != "none" {
		t.Errorf("a zero flag waves %q", w)
	}
}
