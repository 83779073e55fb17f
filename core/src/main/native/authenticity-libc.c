/*
 * The four system calls DescriptorSockets asks on this process's own descriptors, for JDK 17-21
 * (JDK 22+ calls them through the FFM API instead): io.github.authenticity.core.detect.JniLibc.
 *
 * Each function is the system call and nothing more: the buffers are the Java side's direct ByteBuffers,
 * whose layout (struct stat, struct sockaddr, struct tcp_info) Java reads, so the FFM and the JNI paths
 * share every offset. The calls go through syscall(2), not glibc's wrappers, so the library loads on any
 * glibc from 2.17 on (glibc 2.33 moved fstat and stat to new symbol versions).
 *
 * Built by build.sh next to this file; the result is committed under src/main/resources.
 */
#include <jni.h>
#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef SOURCE_SHA256
#error "build with -DSOURCE_SHA256=... (build.sh does)"
#endif

static void *address(JNIEnv *env, jobject buffer) {
  return buffer == NULL ? NULL : (*env)->GetDirectBufferAddress(env, buffer);
}

/* fstat(fd, stat): 0, or -1. */
JNIEXPORT jint JNICALL Java_io_github_authenticity_core_detect_JniLibc_fstat0(JNIEnv *env, jclass type, jint fd,
    jobject stat) {
  return (jint) syscall(SYS_fstat, (int) fd, address(env, stat));
}

/* stat(path, stat), path NUL-terminated: 0, or -1. */
JNIEXPORT jint JNICALL Java_io_github_authenticity_core_detect_JniLibc_stat0(JNIEnv *env, jclass type, jobject path,
    jobject stat) {
  return (jint) syscall(SYS_newfstatat, AT_FDCWD, address(env, path), address(env, stat), 0);
}

/* getpeername(fd, address, length): 0, or -1. */
JNIEXPORT jint JNICALL Java_io_github_authenticity_core_detect_JniLibc_getpeername0(JNIEnv *env, jclass type,
    jint fd, jobject peer, jobject length) {
  return (jint) syscall(SYS_getpeername, (int) fd, address(env, peer), address(env, length));
}

/* getsockopt(fd, level, name, value, length): 0, or -1. */
JNIEXPORT jint JNICALL Java_io_github_authenticity_core_detect_JniLibc_getsockopt0(JNIEnv *env, jclass type,
    jint fd, jint level, jint name, jobject value, jobject length) {
  return (jint) syscall(SYS_getsockopt, (int) fd, (int) level, (int) name, address(env, value),
      address(env, length));
}

/* The SHA-256 of this file when the library was built: a test compares it with the source. */
JNIEXPORT jstring JNICALL Java_io_github_authenticity_core_detect_JniLibc_source0(JNIEnv *env, jclass type) {
  return (*env)->NewStringUTF(env, SOURCE_SHA256);
}
