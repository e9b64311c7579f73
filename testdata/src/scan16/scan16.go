// Package scan16 holds a 16-state byte-driven machine with unpredictable
// transitions: each state folds the byte into a checksum with its own
// constant and moves to one of four successors chosen by the byte. It is
// the shape where the transition-pointer form is expected to matter most.
package scan16

type scanState uint8

const (
	s0 scanState = iota
	s1
	s2
	s3
	s4
	s5
	s6
	s7
	s8
	s9
	s10
	s11
	s12
	s13
	s14
	s15
)

type scanner struct { // want scanner:`^state machine scanner\.state \(scanState, 16 states\)$`
	state scanState
	sum   uint32
}

// Step consumes one byte.
func (m *scanner) Step(c byte) bool {
	switch m.state { // want `state machine scanner.state \(scanState, 16 states\) is dispatched by this switch in \(\*scanner\).Step; fix: `
	case s0:
		m.sum = m.sum*31 + uint32(c) + 3
		switch c & 3 {
		case 0:
			m.state = s1
		case 1:
			m.state = s5
		case 2:
			m.state = s7
		default:
			m.state = s11
		}
	case s1:
		m.sum = m.sum*31 + uint32(c) + 10
		switch c & 3 {
		case 0:
			m.state = s2
		case 1:
			m.state = s6
		case 2:
			m.state = s8
		default:
			m.state = s12
		}
	case s2:
		m.sum = m.sum*31 + uint32(c) + 17
		switch c & 3 {
		case 0:
			m.state = s3
		case 1:
			m.state = s7
		case 2:
			m.state = s9
		default:
			m.state = s13
		}
	case s3:
		m.sum = m.sum*31 + uint32(c) + 24
		switch c & 3 {
		case 0:
			m.state = s4
		case 1:
			m.state = s8
		case 2:
			m.state = s10
		default:
			m.state = s14
		}
	case s4:
		m.sum = m.sum*31 + uint32(c) + 31
		switch c & 3 {
		case 0:
			m.state = s5
		case 1:
			m.state = s9
		case 2:
			m.state = s11
		default:
			m.state = s15
		}
	case s5:
		m.sum = m.sum*31 + uint32(c) + 38
		switch c & 3 {
		case 0:
			m.state = s6
		case 1:
			m.state = s10
		case 2:
			m.state = s12
		default:
			m.state = s0
		}
	case s6:
		m.sum = m.sum*31 + uint32(c) + 45
		switch c & 3 {
		case 0:
			m.state = s7
		case 1:
			m.state = s11
		case 2:
			m.state = s13
		default:
			m.state = s1
		}
	case s7:
		m.sum = m.sum*31 + uint32(c) + 52
		switch c & 3 {
		case 0:
			m.state = s8
		case 1:
			m.state = s12
		case 2:
			m.state = s14
		default:
			m.state = s2
		}
	case s8:
		m.sum = m.sum*31 + uint32(c) + 59
		switch c & 3 {
		case 0:
			m.state = s9
		case 1:
			m.state = s13
		case 2:
			m.state = s15
		default:
			m.state = s3
		}
	case s9:
		m.sum = m.sum*31 + uint32(c) + 66
		switch c & 3 {
		case 0:
			m.state = s10
		case 1:
			m.state = s14
		case 2:
			m.state = s0
		default:
			m.state = s4
		}
	case s10:
		m.sum = m.sum*31 + uint32(c) + 73
		switch c & 3 {
		case 0:
			m.state = s11
		case 1:
			m.state = s15
		case 2:
			m.state = s1
		default:
			m.state = s5
		}
	case s11:
		m.sum = m.sum*31 + uint32(c) + 80
		switch c & 3 {
		case 0:
			m.state = s12
		case 1:
			m.state = s0
		case 2:
			m.state = s2
		default:
			m.state = s6
		}
	case s12:
		m.sum = m.sum*31 + uint32(c) + 87
		switch c & 3 {
		case 0:
			m.state = s13
		case 1:
			m.state = s1
		case 2:
			m.state = s3
		default:
			m.state = s7
		}
	case s13:
		m.sum = m.sum*31 + uint32(c) + 94
		switch c & 3 {
		case 0:
			m.state = s14
		case 1:
			m.state = s2
		case 2:
			m.state = s4
		default:
			m.state = s8
		}
	case s14:
		m.sum = m.sum*31 + uint32(c) + 101
		switch c & 3 {
		case 0:
			m.state = s15
		case 1:
			m.state = s3
		case 2:
			m.state = s5
		default:
			m.state = s9
		}
	case s15:
		m.sum = m.sum*31 + uint32(c) + 108
		switch c & 3 {
		case 0:
			m.state = s0
		case 1:
			m.state = s4
		case 2:
			m.state = s6
		default:
			m.state = s10
		}
	}
	return false
}
