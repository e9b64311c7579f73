package methexprs

import (
	"testing"

	"escape"
)

func TestDecompressor(t *testing.T) {
	f := escape.Heap(newDecompressor())
	for range 7 {
		f.doStep()
	}
	if string(f.out) != "hch" || f.blocks != 4 {
		t.Errorf("out %q after %d blocks, want hch after 4", f.out, f.blocks)
	}
}

// TestDecompressorCorrupt: a decompressor not made by newDecompressor is
// in no state, and panics as the default clause did.
func TestDecompressorCorrupt(t *testing.T) {
	defer func() {
		if r := recover(); r != "BUG: unexpected step state" {
			t.Errorf("recovered %v, want the default's panic", r)
		}
	}()
	escape.Heap(new(decompressor)).doStep()
	t.Error("a zero decompressor stepped")
}

func TestReader(t *testing.T) {
	r := escape.Heap(new(reader))
	buf := make([]byte, 8)
	var got string
	for {
		n, err := r.read(buf, 2)
		if err != nil {
			break
		}
		got += string(buf[:n])
	}
	if got != "HEADbodybody" || r.n != 3 {
		t.Errorf("read %q, n = %d; want HEADbodybody and 3", got, r.n)
	}
}

func TestPump(t *testing.T) {
	p := escape.Heap(new(pump))
	p.meter.n = 5
	p.run() // idle: resets the meter
	p.start()
	for range 6 {
		p.run()
	}
	if p.level != 0 || p.meter.n != 3 {
		t.Errorf("filled and drained: level %d, meter %d; want 0 and 3", p.level, p.meter.n)
	}
	if p.run(); p.meter.n != 0 {
		t.Errorf("idle again: meter %d, want it reset", p.meter.n)
	}
}
