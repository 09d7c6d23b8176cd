package main

import (
	"fmt"
)

// openChain opens top and all its ancestors, top first.
func openChain(top *layer) ([]extent, error) {
	var out []extent
	for l := top; l != nil; l = l.parent {
		e, err := l.open()
		if err != nil {
			closeAll(out)
			return nil, fmt.Errorf("%s: %w", l.descPath(), err)
		}
		out = append(out, e)
	}
	return out, nil
}

func closeAll(extents []extent) {
	for _, e := range extents {
		_ = e.close()
	}
}

// readChain returns the virtual content of sectors [sector, sector+count) as seen through top's chain:
// the first layer holding a sector's data wins, a zeroed grain reads zeros, a sector in no layer reads zeros.
func readChain(top *layer, sector, count int64) ([]byte, error) {
	extents, err := openChain(top)
	if err != nil {
		return nil, err
	}
	defer closeAll(extents)
	return readExtents(extents, sector, count)
}

func readExtents(extents []extent, sector, count int64) ([]byte, error) {
	out := make([]byte, count*sectorSize)
	runIdx, runOff, runStart, runLen := -1, int64(0), int64(0), int64(0)
	flush := func() error {
		if runLen == 0 {
			return nil
		}
		err := extents[runIdx].readAt(out[runStart*sectorSize:(runStart+runLen)*sectorSize], runOff)
		runLen = 0
		return err
	}
	for i := int64(0); i < count; i++ {
		idx, off := -1, int64(0)
		for j, e := range extents {
			state, o, err := e.state(sector + i)
			if err != nil {
				return nil, err
			}
			if state == grainData {
				idx, off = j, o
			}
			if state != grainUnallocated {
				break
			}
		}
		if runLen > 0 && idx == runIdx && off == runOff+runLen*sectorSize {
			runLen++
			continue
		}
		if err := flush(); err != nil {
			return nil, err
		}
		if idx >= 0 {
			runIdx, runOff, runStart, runLen = idx, off, i, 1
		}
	}
	if err := flush(); err != nil {
		return nil, err
	}
	return out, nil
}

// writeBytes writes data at a byte offset into top (partial sectors are completed from the chain's current content).
func writeBytes(top *layer, offset int64, data []byte) error {
	first := offset / sectorSize
	last := (offset + int64(len(data)) + sectorSize - 1) / sectorSize
	extents, err := openChain(top)
	if err != nil {
		return err
	}
	defer closeAll(extents)
	buf := data
	if offset%sectorSize != 0 || len(data)%sectorSize != 0 {
		buf, err = readExtents(extents, first, last-first)
		if err != nil {
			return err
		}
		copy(buf[offset-first*sectorSize:], data)
	}
	return extents[0].write(first, buf)
}

// zeroSectors marks sectors zero in top: zeroed grains in a COWD layer, zero bytes in a flat one.
func zeroSectors(top *layer, sector, count int64) error {
	e, err := top.open()
	if err != nil {
		return err
	}
	defer e.close()
	return e.zero(sector, count)
}

// mergeInto applies child's grains to parent: data grains are written, zeroed grains become zeros
// (zeroed grains in a COWD parent). Unallocated grains leave the parent as it is.
func mergeInto(child, parent *layer) error {
	if !child.isDelta() {
		return fmt.Errorf("%s is not a delta", child.descPath())
	}
	src, err := openCOWD(child.extentPath())
	if err != nil {
		return err
	}
	defer src.close()
	dst, err := parent.open()
	if err != nil {
		return err
	}
	defer dst.close()
	const maxRun = 2048 // sectors per copy
	var runStart, runLen int64
	var runData []byte
	flush := func() error {
		if runLen == 0 {
			return nil
		}
		err := dst.write(runStart, runData[:runLen*sectorSize])
		runLen = 0
		return err
	}
	runData = make([]byte, maxRun*sectorSize)
	err = src.each(func(sector int64, state grainState, off int64) error {
		if state == grainZero {
			if err := flush(); err != nil {
				return err
			}
			return dst.zero(sector, 1)
		}
		if runLen > 0 && (sector != runStart+runLen || runLen == maxRun) {
			if err := flush(); err != nil {
				return err
			}
		}
		if runLen == 0 {
			runStart = sector
		}
		if err := src.readAt(runData[runLen*sectorSize:(runLen+1)*sectorSize], off); err != nil {
			return err
		}
		runLen++
		return nil
	})
	if err != nil {
		return err
	}
	return flush()
}
