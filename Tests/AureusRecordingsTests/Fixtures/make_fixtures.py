#!/usr/bin/env python3
"""Writes the recording-reader fixtures next to this file.

Run from anywhere: python3 make_fixtures.py (needs numpy and scipy). The outputs are committed,
so CI, which has only Swift, never runs this. Every sample follows value(frame, channel) below,
which RecordingFixtures.swift recomputes exactly, so the tests compare every sample.

Writers on purpose: Python's `wave` for plain PCM int16/int24, scipy.io.wavfile for float32,
int32 and float64, hand-written headers for WAVE_FORMAT_EXTENSIBLE, RF64 and odd-sized chunks
(no common writer produces those small), scipy.io.savemat for MAT files (compressed and not),
hand-written MAT elements for what scipy never writes (narrow storage types, big-endian), and
numpy tofile for raw int16.
"""

import os
import struct
import wave

import numpy as np
import scipy.io
import scipy.io.wavfile

HERE = os.path.dirname(os.path.abspath(__file__))


def value(frame, channel):
    """An integer in -1000...1000 that differs between neighbouring frames and channels."""
    return (frame * 37 + channel * 1009) % 2001 - 1000


def grid(frames, channels):
    f = np.arange(frames, dtype=np.int64)[:, None]
    c = np.arange(channels, dtype=np.int64)[None, :]
    return (f * 37 + c * 1009) % 2001 - 1000  # frames x channels


def path(name):
    return os.path.join(HERE, name)


def write_wave(name, frames, channels, sampwidth, scale, rate):
    data = grid(frames, channels) * scale
    dtype = {2: "<i2", 4: "<i4"}.get(sampwidth)
    if sampwidth == 3:
        raw = data.astype("<i4").view(np.uint8).reshape(-1, 4)[:, :3].tobytes()
    else:
        raw = data.astype(dtype).tobytes()
    with wave.open(path(name), "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(sampwidth)
        w.setframerate(rate)
        w.writeframes(raw)


def chunk(cid, payload):
    pad = b"\0" if len(payload) % 2 else b""
    return cid + struct.pack("<I", len(payload)) + payload + pad


def fmt_extensible(channels, rate, container_bits, valid_bits, subformat_tag):
    block = channels * container_bits // 8
    guid = struct.pack("<I", subformat_tag) + bytes.fromhex("00001000800000aa00389b71")
    return struct.pack("<HHIIHHHHI", 0xFFFE, channels, rate, rate * block, block, container_bits, 22, valid_bits, 0) + guid


def write_extensible(name, frames, channels, rate, kind):
    if kind == "int24":
        data = grid(frames, channels) * 4001
        raw = data.astype("<i4").view(np.uint8).reshape(-1, 4)[:, :3].tobytes()
        fmt = fmt_extensible(channels, rate, 24, 24, 1)
    else:
        raw = (grid(frames, channels) / 4).astype("<f4").tobytes()
        fmt = fmt_extensible(channels, rate, 32, 32, 3)
    body = b"WAVE" + chunk(b"fmt ", fmt) + chunk(b"data", raw)
    with open(path(name), "wb") as f:
        f.write(b"RIFF" + struct.pack("<I", len(body)) + body)


def write_rf64(name, frames, channels, rate):
    raw = grid(frames, channels).astype("<i2").tobytes()
    fmt = struct.pack("<HHIIHH", 1, channels, rate, rate * channels * 2, channels * 2, 16)
    ds64_size = 28
    riff_size = 4 + (8 + ds64_size) + (8 + len(fmt)) + (8 + len(raw))
    ds64 = struct.pack("<QQQI", riff_size, len(raw), frames, 0)
    body = b"WAVE" + chunk(b"ds64", ds64) + chunk(b"fmt ", fmt) + b"data" + struct.pack("<I", 0xFFFFFFFF) + raw
    with open(path(name), "wb") as f:
        f.write(b"RF64" + struct.pack("<I", 0xFFFFFFFF) + body)


def write_list_odd(name, frames, channels, rate):
    """A LIST/INFO chunk and an odd-sized unknown chunk (with its pad byte) before the data."""
    raw = grid(frames, channels).astype("<i2").tobytes()
    fmt = struct.pack("<HHIIHH", 1, channels, rate, rate * channels * 2, channels * 2, 16)
    info = b"INFO" + chunk(b"ISFT", b"Aureus\0") + chunk(b"ICMT", b"odd\0\0")
    body = b"WAVE" + chunk(b"fmt ", fmt) + chunk(b"LIST", info) + chunk(b"junk", b"abc") + chunk(b"data", raw)
    with open(path(name), "wb") as f:
        f.write(b"RIFF" + struct.pack("<I", len(body)) + body)


# MAT-file Level 5 elements written by hand (what scipy never writes).
MI = {"int8": 1, "uint8": 2, "int16": 3, "uint16": 4, "int32": 5, "uint32": 6, "single": 7, "double": 9, "matrix": 14}


def mat_element(order, mtype, payload):
    pad = b"\0" * (-len(payload) % 8)
    return struct.pack(order + "II", mtype, len(payload)) + payload + pad


def mat_small(order, mtype, payload):
    head = struct.pack(order + "I", (len(payload) << 16) | mtype)
    return head + payload + b"\0" * (4 - len(payload))


def mat_matrix(order, name, class_id, dims, mtype, payload):
    flags = mat_element(order, MI["uint32"], struct.pack(order + "II", class_id, 0))
    dim = mat_element(order, MI["int32"], struct.pack(order + "%di" % len(dims), *dims))
    nm = mat_small(order, MI["int8"], name) if len(name) <= 4 else mat_element(order, MI["int8"], name)
    if len(payload) <= 4:
        real = mat_small(order, mtype, payload)
    else:
        real = mat_element(order, mtype, payload)
    body = flags + dim + nm + real
    return struct.pack(order + "II", MI["matrix"], len(body)) + body


def mat_header(order):
    text = b"MATLAB 5.0 MAT-file, written by Aureus make_fixtures.py".ljust(116, b" ")
    endian = b"IM" if order == "<" else b"MI"
    return text + b"\0" * 8 + struct.pack(order + "H", 0x0100) + endian


def write_narrow_mat(name):
    """A double-class `data` stored as miINT16 and an `sr` of class double stored as a small miUINT16."""
    channels, frames = 2, 700
    data = grid(frames, channels).T  # channels x frames, column-major below
    payload = np.asfortranarray(data).astype("<i2").tobytes(order="F")
    out = mat_header("<")
    out += mat_matrix("<", b"sr", 6, [1, 1], MI["uint16"], struct.pack("<H", 25000))
    out += mat_matrix("<", b"data", 6, [channels, frames], MI["int16"], payload)
    with open(path(name), "wb") as f:
        f.write(out)


def write_big_endian_mat(name):
    """Big-endian (MI) file: `data` frames x channels as miDOUBLE, `fs` as miDOUBLE."""
    frames, channels = 600, 3
    data = grid(frames, channels) / 8
    payload = data.astype(">f8").tobytes(order="F")
    out = mat_header(">")
    out += mat_matrix(">", b"fs", 6, [1, 1], MI["double"], struct.pack(">d", 16000.0))
    out += mat_matrix(">", b"data", 6, [frames, channels], MI["double"], payload)
    with open(path(name), "wb") as f:
        f.write(out)


def main():
    # WAV
    write_wave("int16_mono.wav", 2000, 1, 2, 1, 24000)
    write_wave("int16_2ch.wav", 1500, 2, 2, 1, 30000)
    write_wave("int24_3ch.wav", 1000, 3, 3, 4001, 20000)
    scipy.io.wavfile.write(path("float32_2ch.wav"), 44100, (grid(1000, 2) / 4).astype(np.float32))
    scipy.io.wavfile.write(path("int32_2ch.wav"), 8000, (grid(500, 2) * 2_000_000).astype(np.int32))
    scipy.io.wavfile.write(path("float64_mono.wav"), 1000, (grid(400, 1)[:, 0] / 3).astype(np.float64))
    write_extensible("extensible_int24_5ch.wav", 600, 5, 30000, "int24")
    write_extensible("extensible_float32_3ch.wav", 500, 3, 32000, "float32")
    write_rf64("rf64_int16_4ch.wav", 400, 4, 20000)
    write_list_odd("list_odd_chunk.wav", 300, 2, 16000)

    # MAT via scipy: rows x columns as numpy shapes; numpy writes them column-major.
    scipy.io.savemat(path("double_4x1500.mat"), {"signal": grid(1500, 4).T / 7, "sr": 30000.0}, do_compression=False)
    scipy.io.savemat(path("double_1500x4_compressed.mat"), {"signal": grid(1500, 4) / 7, "fs": 20000.0}, do_compression=True)
    scipy.io.savemat(path("single_2x1000.mat"), {"x": (grid(1000, 2).T / 4).astype(np.float32), "sampleRate": 10000.0})
    scipy.io.savemat(path("int16_3x800.mat"), {"lfp": grid(800, 3).T.astype(np.int16), "sampling_rate": 2500.0})
    scipy.io.savemat(
        path("int16_800x3_compressed.mat"), {"lfp": grid(800, 3).astype(np.int16), "sampling_rate": 2500.0}, do_compression=True
    )
    spike_times = np.empty((1, 1), dtype=object)
    spike_times[0, 0] = np.array([[10, 200, 1500]], dtype=np.float64)
    scipy.io.savemat(
        path("quiroga.mat"),
        {
            "data": grid(2400, 1).T / 13,
            "samplingInterval": 1000 / 24000,
            "spike_times": spike_times,
            "startData": 0.0,
            "chan": "Ch1",
        },
        do_compression=True,
    )
    write_narrow_mat("narrow_types.mat")
    write_big_endian_mat("big_endian.mat")

    # Raw interleaved int16, frames x channels.
    grid(1000, 6).astype("<i2").tofile(path("raw_int16_6ch.dat"))


if __name__ == "__main__":
    main()
