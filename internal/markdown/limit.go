package markdown

import (
	"bytes"
	"fmt"
)

// maxTableCells bounds the cells of one table. GFM pads every row to the
// width of the delimiter row, so a few kilobytes of "|a|a|…" and "|x"
// lines ask goldmark for 10,000 × 10,000 cells: gigabytes, for a file an
// editor could commit by accident. No real table comes near this.
const maxTableCells = 200_000

// LimitError is a body that would render to far more than it holds,
// at its line (1-based, within the body).
type LimitError struct {
	Line int
	Msg  string
}

func (e *LimitError) Error() string { return e.Msg }

// checkLimits finds tables whose padded size is out of bounds before the
// parser builds them. It counts a delimiter row's columns and the
// non-blank lines after it, which is at least the rows the table has.
func checkLimits(src []byte) error {
	lines := bytes.Split(src, []byte("\n"))
	for i := 0; i < len(lines); i++ {
		cols := delimiterColumns(lines[i])
		if cols < 2 {
			continue
		}
		rows := 1 // the header
		j := i + 1
		for ; j < len(lines) && len(bytes.TrimSpace(lines[j])) > 0; j++ {
			rows++
		}
		if cols*rows > maxTableCells {
			return &LimitError{Line: i, Msg: fmt.Sprintf("the table has %d columns and %d rows: more than %d cells, which sitegen does not render", cols, rows, maxTableCells)}
		}
		i = j
	}
	return nil
}

// delimiterColumns returns the columns of a GFM table delimiter row
// ("|---|:-:|"), or 0 when the line is not one.
func delimiterColumns(line []byte) int {
	t := bytes.TrimSpace(line)
	if len(t) == 0 || bytes.IndexByte(t, '-') < 0 || bytes.IndexByte(t, '|') < 0 {
		return 0
	}
	for _, c := range t {
		switch c {
		case '|', '-', ':', ' ', '\t':
		default:
			return 0
		}
	}
	t = bytes.TrimSuffix(bytes.TrimPrefix(t, []byte("|")), []byte("|"))
	return bytes.Count(t, []byte("|")) + 1
}
