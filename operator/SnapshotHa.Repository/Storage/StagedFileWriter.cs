using Microsoft.Win32.SafeHandles;

namespace SnapshotHa.Repository.Storage;

/// <summary>
/// Appends to a new file through a ring of aligned staging buffers that a few dedicated threads write, each buffer to
/// its own offset: the appending thread only copies bytes into a buffer and goes on while the writes proceed. With
/// direct I/O (<c>O_DIRECT</c>, where the file system supports it) the data bypasses the page cache: no page-cache
/// pages to allocate and zero, no delayed allocation, no write-back to start; the file is preallocated ahead of the
/// writes so that concurrent direct writes do not extend it (ext4 serializes extending ones). Buffers of whole huge
/// pages are asked to be backed by transparent huge pages: a direct write then goes to the device as one request per
/// physically contiguous 2 MiB instead of one per 254 scattered 4 KiB pages (virtio's segment limit). Without direct I/O the
/// threads write through the page cache and start write-back after each buffer. <see cref="Complete"/> writes the
/// last partial buffer, trims the file to its length and fsyncs it. Memory: the ring, allocated as used. Appends
/// and reads come from one thread at a time (the caller serializes them).
/// </summary>
internal sealed class StagedFileWriter : IDisposable
{
    /// <summary>The alignment of direct writes: offsets, lengths and buffer addresses (covers 512-byte and 4 KiB devices).</summary>
    public const int Alignment = 4096;

    /// <summary>How far ahead of the writes a direct-I/O file is preallocated (and trimmed back by <see cref="Complete"/>).</summary>
    private const long PreallocationStep = 64 << 20;

    private readonly string _path;
    private readonly SafeFileHandle _handle;
    private readonly int _bufferSize;
    private readonly int _writers;
    private readonly AlignedBuffer?[] _ring;
    private readonly bool[] _finished;
    private readonly List<Thread> _threads = [];
    private readonly object _gate = new();
    private readonly SafeFileHandle? _direct;
    private long _preallocated;
    private long _queued;
    private long _taken;
    private long _written;
    private int _fill;
    private bool _stopping;
    private bool _completed;
    private Exception? _failure;

    /// <summary>Creates <paramref name="path"/> (which must not exist).</summary>
    /// <param name="path">The new file.</param>
    /// <param name="bufferSize">The size of each staging buffer (a multiple of <see cref="Alignment"/>).</param>
    /// <param name="buffers">The number of staging buffers (more than <paramref name="writers"/>: one is filling).</param>
    /// <param name="writers">The number of writing threads (the writes in flight at once).</param>
    /// <param name="direct">Whether to write with direct I/O where the file system supports it.</param>
    /// <exception cref="IOException">The file exists or cannot be created.</exception>
    public StagedFileWriter(string path, int bufferSize, int buffers, int writers, bool direct)
    {
        if (bufferSize <= 0 || bufferSize % Alignment != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(bufferSize), bufferSize, $"The staging buffer size must be a positive multiple of {Alignment}.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(writers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(buffers, writers);
        _path = path;
        _bufferSize = bufferSize;
        _writers = writers;
        _ring = new AlignedBuffer?[buffers];
        _finished = new bool[buffers];
        _handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read);
        _direct = direct ? OpenDirect(path, _handle) : null;
    }

    /// <summary>Gets the bytes appended so far.</summary>
    public long Length => (_queued * _bufferSize) + _fill;

    /// <summary>Gets whether writes bypass the page cache.</summary>
    public bool Direct => _direct is not null;

    /// <summary>Copies <paramref name="bytes"/> to the end of the file (written by the time <see cref="Complete"/> returns).</summary>
    /// <exception cref="IOException">An earlier write failed.</exception>
    public void Append(ReadOnlySpan<byte> bytes)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        while (!bytes.IsEmpty)
        {
            var buffer = _fill == 0 ? NextBuffer() : _ring[_queued % _ring.Length]!;
            var count = Math.Min(bytes.Length, _bufferSize - _fill);
            bytes[..count].CopyTo(buffer.Span[_fill..]);
            _fill += count;
            bytes = bytes[count..];
            if (_fill == _bufferSize)
            {
                HandOver();
            }
        }
    }

    /// <summary>Reads appended bytes (waiting for the buffers being written).</summary>
    /// <exception cref="IOException">A write failed, or the file is shorter than written.</exception>
    public void Read(long offset, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offset + destination.Length, Length, nameof(destination));
        Drain();
        var fileEnd = _queued * _bufferSize;
        if (offset < fileEnd)
        {
            var fromFile = (int)Math.Min(destination.Length, fileEnd - offset);
            if (RandomAccess.Read(_handle, destination[..fromFile], offset) != fromFile)
            {
                throw new IOException($"File '{_path}' is shorter than written.");
            }

            destination = destination[fromFile..];
            offset += fromFile;
        }

        if (!destination.IsEmpty)
        {
            _ring[_queued % _ring.Length]!.Span.Slice((int)(offset - fileEnd), destination.Length).CopyTo(destination);
        }
    }

    /// <summary>Writes everything appended, trims the file to <see cref="Length"/> and fsyncs it; no appends after.</summary>
    /// <exception cref="IOException">A write or the fsync failed.</exception>
    public void Complete()
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        Drain();
        _completed = true;
        if (_fill > 0)
        {
            var buffer = _ring[_queued % _ring.Length]!;
            var padded = _direct is null ? _fill : (_fill + Alignment - 1) / Alignment * Alignment;
            buffer.Span[_fill..padded].Clear();
            Write(buffer.Span[..padded], _queued * _bufferSize);
        }

        if (RandomAccess.GetLength(_handle) != Length)
        {
            RandomAccess.SetLength(_handle, Length);
        }

        RandomAccess.FlushToDisk(_handle);
    }

    /// <summary>Stops the writing threads and closes the file (it stays on disk; callers delete it if abandoned).</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _stopping = true;
            Monitor.PulseAll(_gate);
        }

        foreach (var thread in _threads)
        {
            thread.Join();
        }

        _threads.Clear();
        _direct?.Dispose();
        _handle.Dispose();
        for (var i = 0; i < _ring.Length; i++)
        {
            _ring[i]?.Free();
            _ring[i] = null;
        }

        _completed = true;
    }

    /// <summary>
    /// Opens the direct-I/O handle and proves it with one aligned write (some file systems accept <c>O_DIRECT</c> at
    /// open and refuse the writes); null, and the file empty again, when either fails.
    /// </summary>
    private static SafeFileHandle? OpenDirect(string path, SafeFileHandle handle)
    {
        if (NativeMethods.TryOpenDirectWrite(path) is not { } direct)
        {
            return null;
        }

        using var probe = new AlignedBuffer(Alignment, Alignment);
        probe.Span.Clear();
        try
        {
            RandomAccess.Write(direct, probe.Span, 0);
            return direct;
        }
        catch (IOException)
        {
            direct.Dispose();
            return null;
        }
        finally
        {
            RandomAccess.SetLength(handle, 0);
        }
    }

    /// <summary>Gets the buffer for the next slot of the ring once the threads have written what it held.</summary>
    private AlignedBuffer NextBuffer()
    {
        lock (_gate)
        {
            while (_failure is null && _queued - _written >= _ring.Length)
            {
                Monitor.Wait(_gate);
            }

            ThrowIfFailed();
        }

        return _ring[_queued % _ring.Length] ??= new AlignedBuffer(_bufferSize, _bufferSize % AlignedBuffer.HugePageSize == 0 ? AlignedBuffer.HugePageSize : Alignment);
    }

    /// <summary>Hands the full current buffer to the writing threads (started with the first one).</summary>
    private void HandOver()
    {
        if (_direct is not null && (_queued + 1) * _bufferSize > _preallocated)
        {
            NativeMethods.Preallocate(_handle, _preallocated, PreallocationStep);
            _preallocated += PreallocationStep;
        }

        lock (_gate)
        {
            _queued++;
            _fill = 0;
            Monitor.PulseAll(_gate);
        }

        while (_threads.Count < _writers)
        {
            var thread = new Thread(WriteQueued) { IsBackground = true, Name = "staged file writer" };
            thread.Start();
            _threads.Add(thread);
        }
    }

    /// <summary>Waits until the threads have written every full buffer.</summary>
    private void Drain()
    {
        lock (_gate)
        {
            while (_failure is null && _written < _queued)
            {
                Monitor.Wait(_gate);
            }

            ThrowIfFailed();
        }
    }

    private void ThrowIfFailed()
    {
        if (_failure is not null)
        {
            throw new IOException($"Could not write '{_path}': {_failure.Message}", _failure);
        }
    }

    /// <summary>A writing thread: takes the oldest full buffer not yet taken, writes it, until stopped or failed.</summary>
    private void WriteQueued()
    {
        while (true)
        {
            long sequence;
            lock (_gate)
            {
                while (!_stopping && _failure is null && _taken == _queued)
                {
                    Monitor.Wait(_gate);
                }

                if (_stopping || _failure is not null || _taken == _queued)
                {
                    return;
                }

                sequence = _taken++;
            }

            try
            {
                Write(_ring[sequence % _ring.Length]!.Span, sequence * _bufferSize);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
            {
                lock (_gate)
                {
                    _failure ??= e;
                    Monitor.PulseAll(_gate);
                }

                return;
            }

            lock (_gate)
            {
                // Buffers may finish out of order; a slot is free again once every earlier one is written too.
                _finished[sequence % _ring.Length] = true;
                while (_written < _taken && _finished[_written % _ring.Length])
                {
                    _finished[_written % _ring.Length] = false;
                    _written++;
                }

                Monitor.PulseAll(_gate);
            }
        }
    }

    /// <summary>Writes at <paramref name="offset"/>: direct when possible, else through the page cache, starting write-back.</summary>
    private void Write(ReadOnlySpan<byte> bytes, long offset)
    {
        if (_direct is { } direct)
        {
            RandomAccess.Write(direct, bytes, offset);
            return;
        }

        RandomAccess.Write(_handle, bytes, offset);
        NativeMethods.StartWriteback(_handle, offset, bytes.Length);
    }
}
