package main

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
)

// COWD ("vmfsSparse") extent as ESXi writes it: 2048-byte header, grain directory at sector 4,
// 4096-entry grain tables (32 sectors) allocated on demand, grains of 1 sector appended at freeSector.
// Grain-table entries: 0 = unallocated (read the parent), 1 = zeroed grain (zeros, parent hidden), >1 = sector offset.
const (
	cowdMagic        = "COWD"
	cowdHeaderBytes  = 2048
	cowdGDOffset     = 4
	cowdGTEntries    = 4096
	cowdGTSectors    = cowdGTEntries * 4 / sectorSize
	cowdZeroedGrain  = 1
	sectorSize       = 512
	cowdMaxSectors   = 0xffffffff
	cowdFreeSectorAt = 28
)

// grainState says where a sector of one layer comes from.
type grainState int

const (
	grainUnallocated grainState = iota // not in this layer: look at the parent
	grainZero                          // zeros, the parent is hidden
	grainData                          // stored in this layer
)

// cowdExtent is an open COWD extent with its grain directory and the grain tables read so far.
type cowdExtent struct {
	f          *os.File
	capacity   uint32 // sectors
	gd         []uint32
	gts        map[uint32][]uint32
	dirtyGTs   map[uint32]bool
	dirtyMeta  bool
	freeSector uint32
}

func cowdGDEntries(capacity int64) int64 {
	return (capacity + cowdGTEntries - 1) / cowdGTEntries
}

// createCOWD writes an empty COWD extent (header + grain directory) for a disk of capacity sectors.
func createCOWD(path string, capacity int64) error {
	if capacity <= 0 || capacity > cowdMaxSectors {
		return fmt.Errorf("COWD capacity %d sectors out of range", capacity)
	}
	gdEntries := cowdGDEntries(capacity)
	gdSectors := (gdEntries*4 + sectorSize - 1) / sectorSize
	header := make([]byte, cowdHeaderBytes)
	copy(header, cowdMagic)
	le := binary.LittleEndian
	le.PutUint32(header[4:], 1) // version
	le.PutUint32(header[8:], 3) // flags
	le.PutUint32(header[12:], uint32(capacity))
	le.PutUint32(header[16:], 1) // grainSize in sectors
	le.PutUint32(header[20:], cowdGDOffset)
	le.PutUint32(header[24:], uint32(gdEntries))
	le.PutUint32(header[cowdFreeSectorAt:], uint32(cowdGDOffset+gdSectors))
	le.PutUint32(header[1060:], 1) // generation
	file := make([]byte, (cowdGDOffset+gdSectors)*sectorSize)
	copy(file, header)
	return os.WriteFile(path, file, 0o600)
}

// openCOWD reads the header and grain directory of a COWD extent.
func openCOWD(path string) (*cowdExtent, error) {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return nil, err
	}
	header := make([]byte, cowdHeaderBytes)
	if _, err := io.ReadFull(f, header); err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: COWD header: %w", path, err)
	}
	le := binary.LittleEndian
	if string(header[:4]) != cowdMagic {
		f.Close()
		return nil, fmt.Errorf("%s: not a COWD extent (magic %q)", path, header[:4])
	}
	capacity, grain, gdOffset, gdEntries := le.Uint32(header[12:]), le.Uint32(header[16:]), le.Uint32(header[20:]), le.Uint32(header[24:])
	if grain != 1 || int64(gdEntries) != cowdGDEntries(int64(capacity)) {
		f.Close()
		return nil, fmt.Errorf("%s: unsupported COWD geometry (grainSize %d, %d GD entries for %d sectors)", path, grain, gdEntries, capacity)
	}
	gdBytes := make([]byte, gdEntries*4)
	if _, err := f.ReadAt(gdBytes, int64(gdOffset)*sectorSize); err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: grain directory: %w", path, err)
	}
	c := &cowdExtent{f: f, capacity: capacity, gd: make([]uint32, gdEntries), gts: map[uint32][]uint32{}, dirtyGTs: map[uint32]bool{}, freeSector: le.Uint32(header[cowdFreeSectorAt:])}
	for i := range c.gd {
		c.gd[i] = le.Uint32(gdBytes[i*4:])
	}
	return c, nil
}

func (c *cowdExtent) gt(index uint32, allocate bool) ([]uint32, error) {
	if t, ok := c.gts[index]; ok {
		return t, nil
	}
	if c.gd[index] == 0 {
		if !allocate {
			return nil, nil
		}
		c.gd[index] = c.freeSector
		c.freeSector += cowdGTSectors
		c.dirtyMeta = true
		t := make([]uint32, cowdGTEntries)
		c.gts[index] = t
		c.dirtyGTs[index] = true
		return t, nil
	}
	raw := make([]byte, cowdGTEntries*4)
	if _, err := c.f.ReadAt(raw, int64(c.gd[index])*sectorSize); err != nil {
		return nil, fmt.Errorf("grain table %d: %w", index, err)
	}
	t := make([]uint32, cowdGTEntries)
	for i := range t {
		t[i] = binary.LittleEndian.Uint32(raw[i*4:])
	}
	c.gts[index] = t
	return t, nil
}

func (c *cowdExtent) state(sector int64) (grainState, int64, error) {
	if sector < 0 || sector >= int64(c.capacity) {
		return grainUnallocated, 0, fmt.Errorf("sector %d beyond capacity %d", sector, c.capacity)
	}
	t, err := c.gt(uint32(sector/cowdGTEntries), false)
	if err != nil || t == nil {
		return grainUnallocated, 0, err
	}
	switch e := t[sector%cowdGTEntries]; e {
	case 0:
		return grainUnallocated, 0, nil
	case cowdZeroedGrain:
		return grainZero, 0, nil
	default:
		return grainData, int64(e) * sectorSize, nil
	}
}

// write stores whole sectors starting at sector, allocating grains (and grain tables) on demand.
func (c *cowdExtent) write(sector int64, data []byte) error {
	if len(data)%sectorSize != 0 {
		return errors.New("COWD write must be whole sectors")
	}
	count := int64(len(data) / sectorSize)
	if sector < 0 || sector+count > int64(c.capacity) {
		return fmt.Errorf("write of sectors %d..%d beyond capacity %d", sector, sector+count, c.capacity)
	}
	runStart, runTarget, runLen := int64(0), int64(-1), int64(0)
	flush := func() error {
		if runLen == 0 {
			return nil
		}
		_, err := c.f.WriteAt(data[runStart*sectorSize:(runStart+runLen)*sectorSize], runTarget*sectorSize)
		runLen = 0
		return err
	}
	for i := int64(0); i < count; i++ {
		s := sector + i
		t, err := c.gt(uint32(s/cowdGTEntries), true)
		if err != nil {
			return err
		}
		e := t[s%cowdGTEntries]
		if e <= cowdZeroedGrain {
			e = c.freeSector
			c.freeSector++
			t[s%cowdGTEntries] = e
			c.dirtyGTs[uint32(s/cowdGTEntries)] = true
			c.dirtyMeta = true
		}
		if runLen > 0 && int64(e) == runTarget+runLen {
			runLen++
			continue
		}
		if err := flush(); err != nil {
			return err
		}
		runStart, runTarget, runLen = i, int64(e), 1
	}
	if err := flush(); err != nil {
		return err
	}
	return c.flushMeta()
}

// zero marks sectors as zeroed grains (GTE 1): they read as zeros and hide the parent.
func (c *cowdExtent) zero(sector, count int64) error {
	if sector < 0 || sector+count > int64(c.capacity) {
		return fmt.Errorf("zero of sectors %d..%d beyond capacity %d", sector, sector+count, c.capacity)
	}
	for s := sector; s < sector+count; s++ {
		t, err := c.gt(uint32(s/cowdGTEntries), true)
		if err != nil {
			return err
		}
		t[s%cowdGTEntries] = cowdZeroedGrain
		c.dirtyGTs[uint32(s/cowdGTEntries)] = true
	}
	return c.flushMeta()
}

// each calls f for every sector with an entry in this extent, in sector order.
func (c *cowdExtent) each(f func(sector int64, state grainState, offset int64) error) error {
	for gi := range c.gd {
		t, err := c.gt(uint32(gi), false)
		if err != nil {
			return err
		}
		for j, e := range t {
			if e == 0 {
				continue
			}
			s := int64(gi)*cowdGTEntries + int64(j)
			if e == cowdZeroedGrain {
				err = f(s, grainZero, 0)
			} else {
				err = f(s, grainData, int64(e)*sectorSize)
			}
			if err != nil {
				return err
			}
		}
	}
	return nil
}

func (c *cowdExtent) flushMeta() error {
	le := binary.LittleEndian
	for index := range c.dirtyGTs {
		raw := make([]byte, cowdGTEntries*4)
		for i, e := range c.gts[index] {
			le.PutUint32(raw[i*4:], e)
		}
		if _, err := c.f.WriteAt(raw, int64(c.gd[index])*sectorSize); err != nil {
			return err
		}
		delete(c.dirtyGTs, index)
	}
	if !c.dirtyMeta {
		return nil
	}
	gd := make([]byte, len(c.gd)*4)
	for i, e := range c.gd {
		le.PutUint32(gd[i*4:], e)
	}
	if _, err := c.f.WriteAt(gd, cowdGDOffset*sectorSize); err != nil {
		return err
	}
	var free [4]byte
	le.PutUint32(free[:], c.freeSector)
	if _, err := c.f.WriteAt(free[:], cowdFreeSectorAt); err != nil {
		return err
	}
	c.dirtyMeta = false
	return nil
}

func (c *cowdExtent) readAt(p []byte, off int64) error {
	_, err := c.f.ReadAt(p, off)
	return err
}

func (c *cowdExtent) close() error { return c.f.Close() }
