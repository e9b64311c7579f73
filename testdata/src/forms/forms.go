// Package forms measures the dispatch forms of one 16-state machine
// (scan16's) side by side, to choose the rewrite's target form:
//
//   - switchM: the enum and a switch (what fsmswitch finds);
//   - storedM: the stored transition pointer (what the fix produces);
//   - returnedM: Pike's returned next state, with a suspending Step that
//     stores the returned state back on every call (the example);
//   - Run methods: a run-to-completion driver, switchM's with the switch,
//     pikeRun keeping the state function in a local and storing it once.
//
// go test -run '^$' -bench . -count 10 forms (GOPATH mode; see
// docs/performance.md).
package forms

// switchM is the machine as written: an enum and a switch.
type switchM struct {
	state uint8
	sum   uint32
}

func (m *switchM) Step(c byte) bool {
	switch m.state {
	case 0:
		m.sum = m.sum*31 + uint32(c) + 3
		switch c & 3 {
		case 0:
			m.state = 1
		case 1:
			m.state = 5
		case 2:
			m.state = 7
		default:
			m.state = 11
		}
	case 1:
		m.sum = m.sum*31 + uint32(c) + 10
		switch c & 3 {
		case 0:
			m.state = 2
		case 1:
			m.state = 6
		case 2:
			m.state = 8
		default:
			m.state = 12
		}
	case 2:
		m.sum = m.sum*31 + uint32(c) + 17
		switch c & 3 {
		case 0:
			m.state = 3
		case 1:
			m.state = 7
		case 2:
			m.state = 9
		default:
			m.state = 13
		}
	case 3:
		m.sum = m.sum*31 + uint32(c) + 24
		switch c & 3 {
		case 0:
			m.state = 4
		case 1:
			m.state = 8
		case 2:
			m.state = 10
		default:
			m.state = 14
		}
	case 4:
		m.sum = m.sum*31 + uint32(c) + 31
		switch c & 3 {
		case 0:
			m.state = 5
		case 1:
			m.state = 9
		case 2:
			m.state = 11
		default:
			m.state = 15
		}
	case 5:
		m.sum = m.sum*31 + uint32(c) + 38
		switch c & 3 {
		case 0:
			m.state = 6
		case 1:
			m.state = 10
		case 2:
			m.state = 12
		default:
			m.state = 0
		}
	case 6:
		m.sum = m.sum*31 + uint32(c) + 45
		switch c & 3 {
		case 0:
			m.state = 7
		case 1:
			m.state = 11
		case 2:
			m.state = 13
		default:
			m.state = 1
		}
	case 7:
		m.sum = m.sum*31 + uint32(c) + 52
		switch c & 3 {
		case 0:
			m.state = 8
		case 1:
			m.state = 12
		case 2:
			m.state = 14
		default:
			m.state = 2
		}
	case 8:
		m.sum = m.sum*31 + uint32(c) + 59
		switch c & 3 {
		case 0:
			m.state = 9
		case 1:
			m.state = 13
		case 2:
			m.state = 15
		default:
			m.state = 3
		}
	case 9:
		m.sum = m.sum*31 + uint32(c) + 66
		switch c & 3 {
		case 0:
			m.state = 10
		case 1:
			m.state = 14
		case 2:
			m.state = 0
		default:
			m.state = 4
		}
	case 10:
		m.sum = m.sum*31 + uint32(c) + 73
		switch c & 3 {
		case 0:
			m.state = 11
		case 1:
			m.state = 15
		case 2:
			m.state = 1
		default:
			m.state = 5
		}
	case 11:
		m.sum = m.sum*31 + uint32(c) + 80
		switch c & 3 {
		case 0:
			m.state = 12
		case 1:
			m.state = 0
		case 2:
			m.state = 2
		default:
			m.state = 6
		}
	case 12:
		m.sum = m.sum*31 + uint32(c) + 87
		switch c & 3 {
		case 0:
			m.state = 13
		case 1:
			m.state = 1
		case 2:
			m.state = 3
		default:
			m.state = 7
		}
	case 13:
		m.sum = m.sum*31 + uint32(c) + 94
		switch c & 3 {
		case 0:
			m.state = 14
		case 1:
			m.state = 2
		case 2:
			m.state = 4
		default:
			m.state = 8
		}
	case 14:
		m.sum = m.sum*31 + uint32(c) + 101
		switch c & 3 {
		case 0:
			m.state = 15
		case 1:
			m.state = 3
		case 2:
			m.state = 5
		default:
			m.state = 9
		}
	case 15:
		m.sum = m.sum*31 + uint32(c) + 108
		switch c & 3 {
		case 0:
			m.state = 0
		case 1:
			m.state = 4
		case 2:
			m.state = 6
		default:
			m.state = 10
		}
	}
	return false
}

// Run steps the switch machine through all of in.
func (m *switchM) Run(in []byte) {
	for _, c := range in {
		m.Step(c)
	}
}

// storedM is the stored transition pointer, as the fix writes it.
type storedFn func(m *storedM, c byte)

type storedM struct {
	state storedFn
	sum   uint32
}

func (m *storedM) Step(c byte) bool {
	step := m.state
	if step == nil {
		step = st0
	}
	step(m, c)
	return false
}

func st0(m *storedM, c byte) {
	m.sum = m.sum*31 + uint32(c) + 3
	switch c & 3 {
	case 0:
		m.state = st1
	case 1:
		m.state = st5
	case 2:
		m.state = st7
	default:
		m.state = st11
	}
}

func st1(m *storedM, c byte) {
	m.sum = m.sum*31 + uint32(c) + 10
	switch c & 3 {
	case 0:
		m.state = st2
	case 1:
		m.state = st6
	case 2:
		m.state = st8
	default:
		m.state = st12
	}
}

func st2(m *storedM, c byte) {
	m.sum = m.sum*31 + uint32(c) + 17
	switch c & 3 {
	case 0:
		m.state = st3
	case 1:
		m.state = st7
	case 2:
		m.state = st9
	default:
		m.state = st13
	}
}

func st3(m *storedM, c byte) {
	m.sum = m.sum*31 + uint32(c) + 24
	switch c & 3 {
	case 0:
		m.state = st4
	case 1:
		m.state = st8
	case 2:
		m.state = st10
	default:
		m.state = st14
	}
}

func st4(m *storedM, c byte) {
	m.sum = m.sum*31 + uint32(c) + 31
	switch c & 3 {
	case 0:
		m.state = st5
	case 1:
		m.state = st9
	case 2:
		m.state = st11
	default:
		m.state = st15
	}
}

func st5(m *storedM, c byte) {
	m.sum = m.sum*31 + uint32(c) + 38
	switch c & 3 {
	case 0:
		m.state = st6
	case 1:
		m.state = st10
	case 2:
		m.state = st12
	default:
		m.state = st0
	}
}

func st6(m *storedM, c byte) {
	m.sum = m.sum*31 + uint32(c) + 45
	switch c & 3 {
	case 0:
		m.state = st7
	case 1:
		m.state = st11
	case 2:
		m.state = st13
	default:
		m.state = st1
	}
}

func st7(m *storedM, c byte) {
	m.sum = m.sum*31 + uint32(c) + 52
	switch c & 3 {
	case 0:
		m.state = st8
	case 1:
		m.state = st12
	case 2:
		m.state = st14
	default:
		m.state = st2
	}
}

func st8(m *storedM, c byte) {
	m.sum = m.sum*31 + uint32(c) + 59
	switch c & 3 {
	case 0:
		m.state = st9
	case 1:
		m.state = st13
	case 2:
		m.state = st15
	default:
		m.state = st3
	}
}

func st9(m *storedM, c byte) {
	m.sum = m.sum*31 + uint32(c) + 66
	switch c & 3 {
	case 0:
		m.state = st10
	case 1:
		m.state = st14
	case 2:
		m.state = st0
	default:
		m.state = st4
	}
}

func st10(m *storedM, c byte) {
	m.sum = m.sum*31 + uint32(c) + 73
	switch c & 3 {
	case 0:
		m.state = st11
	case 1:
		m.state = st15
	case 2:
		m.state = st1
	default:
		m.state = st5
	}
}

func st11(m *storedM, c byte) {
	m.sum = m.sum*31 + uint32(c) + 80
	switch c & 3 {
	case 0:
		m.state = st12
	case 1:
		m.state = st0
	case 2:
		m.state = st2
	default:
		m.state = st6
	}
}

func st12(m *storedM, c byte) {
	m.sum = m.sum*31 + uint32(c) + 87
	switch c & 3 {
	case 0:
		m.state = st13
	case 1:
		m.state = st1
	case 2:
		m.state = st3
	default:
		m.state = st7
	}
}

func st13(m *storedM, c byte) {
	m.sum = m.sum*31 + uint32(c) + 94
	switch c & 3 {
	case 0:
		m.state = st14
	case 1:
		m.state = st2
	case 2:
		m.state = st4
	default:
		m.state = st8
	}
}

func st14(m *storedM, c byte) {
	m.sum = m.sum*31 + uint32(c) + 101
	switch c & 3 {
	case 0:
		m.state = st15
	case 1:
		m.state = st3
	case 2:
		m.state = st5
	default:
		m.state = st9
	}
}

func st15(m *storedM, c byte) {
	m.sum = m.sum*31 + uint32(c) + 108
	switch c & 3 {
	case 0:
		m.state = st0
	case 1:
		m.state = st4
	case 2:
		m.state = st6
	default:
		m.state = st10
	}
}

// returnedM is Pike's form: a state function returns the next one.
type pikeFn func(m *returnedM, c byte) pikeFn

type returnedM struct {
	state pikeFn
	sum   uint32
}

// Step suspends after each byte, so it stores the next state each call.
func (m *returnedM) Step(c byte) bool {
	fn := m.state
	if fn == nil {
		fn = pk0
	}
	m.state = fn(m, c)
	return false
}

// Run keeps the state function in a local and stores it once.
func (m *returnedM) Run(in []byte) {
	fn := m.state
	if fn == nil {
		fn = pk0
	}
	for _, c := range in {
		fn = fn(m, c)
	}
	m.state = fn
}

func pk0(m *returnedM, c byte) pikeFn {
	m.sum = m.sum*31 + uint32(c) + 3
	switch c & 3 {
	case 0:
		return pk1
	case 1:
		return pk5
	case 2:
		return pk7
	default:
		return pk11
	}
}

func pk1(m *returnedM, c byte) pikeFn {
	m.sum = m.sum*31 + uint32(c) + 10
	switch c & 3 {
	case 0:
		return pk2
	case 1:
		return pk6
	case 2:
		return pk8
	default:
		return pk12
	}
}

func pk2(m *returnedM, c byte) pikeFn {
	m.sum = m.sum*31 + uint32(c) + 17
	switch c & 3 {
	case 0:
		return pk3
	case 1:
		return pk7
	case 2:
		return pk9
	default:
		return pk13
	}
}

func pk3(m *returnedM, c byte) pikeFn {
	m.sum = m.sum*31 + uint32(c) + 24
	switch c & 3 {
	case 0:
		return pk4
	case 1:
		return pk8
	case 2:
		return pk10
	default:
		return pk14
	}
}

func pk4(m *returnedM, c byte) pikeFn {
	m.sum = m.sum*31 + uint32(c) + 31
	switch c & 3 {
	case 0:
		return pk5
	case 1:
		return pk9
	case 2:
		return pk11
	default:
		return pk15
	}
}

func pk5(m *returnedM, c byte) pikeFn {
	m.sum = m.sum*31 + uint32(c) + 38
	switch c & 3 {
	case 0:
		return pk6
	case 1:
		return pk10
	case 2:
		return pk12
	default:
		return pk0
	}
}

func pk6(m *returnedM, c byte) pikeFn {
	m.sum = m.sum*31 + uint32(c) + 45
	switch c & 3 {
	case 0:
		return pk7
	case 1:
		return pk11
	case 2:
		return pk13
	default:
		return pk1
	}
}

func pk7(m *returnedM, c byte) pikeFn {
	m.sum = m.sum*31 + uint32(c) + 52
	switch c & 3 {
	case 0:
		return pk8
	case 1:
		return pk12
	case 2:
		return pk14
	default:
		return pk2
	}
}

func pk8(m *returnedM, c byte) pikeFn {
	m.sum = m.sum*31 + uint32(c) + 59
	switch c & 3 {
	case 0:
		return pk9
	case 1:
		return pk13
	case 2:
		return pk15
	default:
		return pk3
	}
}

func pk9(m *returnedM, c byte) pikeFn {
	m.sum = m.sum*31 + uint32(c) + 66
	switch c & 3 {
	case 0:
		return pk10
	case 1:
		return pk14
	case 2:
		return pk0
	default:
		return pk4
	}
}

func pk10(m *returnedM, c byte) pikeFn {
	m.sum = m.sum*31 + uint32(c) + 73
	switch c & 3 {
	case 0:
		return pk11
	case 1:
		return pk15
	case 2:
		return pk1
	default:
		return pk5
	}
}

func pk11(m *returnedM, c byte) pikeFn {
	m.sum = m.sum*31 + uint32(c) + 80
	switch c & 3 {
	case 0:
		return pk12
	case 1:
		return pk0
	case 2:
		return pk2
	default:
		return pk6
	}
}

func pk12(m *returnedM, c byte) pikeFn {
	m.sum = m.sum*31 + uint32(c) + 87
	switch c & 3 {
	case 0:
		return pk13
	case 1:
		return pk1
	case 2:
		return pk3
	default:
		return pk7
	}
}

func pk13(m *returnedM, c byte) pikeFn {
	m.sum = m.sum*31 + uint32(c) + 94
	switch c & 3 {
	case 0:
		return pk14
	case 1:
		return pk2
	case 2:
		return pk4
	default:
		return pk8
	}
}

func pk14(m *returnedM, c byte) pikeFn {
	m.sum = m.sum*31 + uint32(c) + 101
	switch c & 3 {
	case 0:
		return pk15
	case 1:
		return pk3
	case 2:
		return pk5
	default:
		return pk9
	}
}

func pk15(m *returnedM, c byte) pikeFn {
	m.sum = m.sum*31 + uint32(c) + 108
	switch c & 3 {
	case 0:
		return pk0
	case 1:
		return pk4
	case 2:
		return pk6
	default:
		return pk10
	}
}
