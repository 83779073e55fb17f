package io.github.authenticity.core.detect;

import java.nio.ByteBuffer;

/**
 * The four system calls {@link DescriptorSockets} asks on this process's descriptors, each writing into a
 * direct buffer whose layout ({@code struct stat}, {@code struct sockaddr}, {@code struct tcp_info})
 * {@link DescriptorSockets} reads: one reading of the kernel's structures, two ways to call the kernel
 * ({@link FfmLibc} on JDK 22+, {@link JniLibc} before). Not thread-safe: the buffers are shared.
 */
abstract class Libc {

  static final int INFO_SIZE = 232;
  static final int STAT_SIZE = 256;
  static final int PEER_SIZE = 128;
  static final int IPPROTO_TCP = 6;
  static final int TCP_INFO = 11;

  /** {@code "/proc/self/fd"}, NUL-terminated: the path {@link #statProcFd} asks. */
  static byte[] procFdPath() {
    return "/proc/self/fd\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }

  /** {@code struct tcp_info}, filled by {@link #tcpInfo}. */
  final ByteBuffer info;
  /** Its length ({@code socklen_t}). */
  final ByteBuffer infoLength;
  /** {@code struct sockaddr_storage}, filled by {@link #getpeername}. */
  final ByteBuffer peer;
  /** Its length. */
  final ByteBuffer peerLength;
  /** {@code struct stat}, filled by {@link #fstat} and {@link #statProcFd}. */
  final ByteBuffer stat;

  Libc(ByteBuffer info, ByteBuffer infoLength, ByteBuffer peer, ByteBuffer peerLength, ByteBuffer stat) {
    this.info = info;
    this.infoLength = infoLength;
    this.peer = peer;
    this.peerLength = peerLength;
    this.stat = stat;
  }

  /** How the kernel is called, for messages and measurements. */
  abstract String how();

  /** Whether {@link #fstat} can be called (glibc before 2.33 has no such FFM symbol). */
  abstract boolean hasFstat();

  /** Whether {@link #statProcFd} can be called (the same). */
  abstract boolean hasStat();

  /** {@code fstat(fd)} into {@link #stat}: 0, or not 0 when {@code fd} is not open. */
  abstract int fstat(int fd) throws Throwable;

  /** {@code stat("/proc/self/fd")} into {@link #stat}: 0, or not 0. */
  abstract int statProcFd() throws Throwable;

  /** {@code getpeername(fd)} into {@link #peer}, whose length {@link #peerLength} holds: 0, or not 0. */
  abstract int getpeername(int fd) throws Throwable;

  /** {@code getsockopt(fd, IPPROTO_TCP, TCP_INFO)} into {@link #info}: 0, or not 0 (not a TCP socket). */
  abstract int tcpInfo(int fd) throws Throwable;
}
