package org.polyplex.platform.process;

/**
 * Where a process writes ffmpeg-style {@code key=value} progress blocks (ending with
 * {@code progress=continue|end}): nowhere, on stdout ({@code -progress pipe:1}, when stdout carries
 * nothing else) or mixed into stderr ({@code -progress pipe:2}, when stdout carries media).
 */
public enum ProgressChannel {
    NONE,
    STDOUT,
    STDERR
}
