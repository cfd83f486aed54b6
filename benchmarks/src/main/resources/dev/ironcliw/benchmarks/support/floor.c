/*
 * The memory-bandwidth floor of a frame, for the replay benchmark's ratios: the median time of one
 * memcpy of a BGRX frame, and of one absdiff of two frames into a third (OpenCV's cv::absdiff, the
 * least a diff can do: read both frames once). Every copy and every absdiff takes buffers none of
 * the others touched lately, from a rotation larger than the last-level cache: the bandwidth of
 * memory, not of the cache.
 *
 *   floor WIDTH HEIGHT REPETITIONS   prints: memcpy_ns=N absdiff_ns=N
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MIN_BYTES_IN_ROTATION (512L << 20)

static long now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1000000000L + t.tv_nsec;
}

static int by_value(const void *a, const void *b) {
  long x = *(const long *)a, y = *(const long *)b;
  return (x > y) - (x < y);
}

static void absdiff(const uint8_t *restrict a, const uint8_t *restrict b, uint8_t *restrict out,
                    size_t n) {
  for (size_t i = 0; i < n; i++) {
    out[i] = a[i] > b[i] ? (uint8_t)(a[i] - b[i]) : (uint8_t)(b[i] - a[i]);
  }
}

int main(int argc, char **argv) {
  if (argc != 4) {
    fprintf(stderr, "usage: floor WIDTH HEIGHT REPETITIONS\n");
    return 2;
  }
  size_t bytes = (size_t)atol(argv[1]) * (size_t)atol(argv[2]) * 4;
  int reps = atoi(argv[3]);
  int buffers = (int)(MIN_BYTES_IN_ROTATION / (long)bytes) + 5;
  uint8_t **frame = malloc(sizeof(uint8_t *) * buffers);
  uint64_t seed = 0x9E3779B97F4A7C15ULL;
  for (int i = 0; i < buffers; i++) {
    frame[i] = aligned_alloc(64, (bytes + 63) / 64 * 64);
    for (size_t j = 0; j < bytes; j += 8) {
      seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
      memcpy(frame[i] + j, &seed, bytes - j < 8 ? bytes - j : 8);
    }
  }
  long *copy_ns = malloc(sizeof(long) * reps), *diff_ns = malloc(sizeof(long) * reps);
  unsigned sink = 0;
  for (int r = 0; r < reps; r++) {
    uint8_t *from = frame[(5 * r) % buffers], *to = frame[(5 * r + 1) % buffers];
    uint8_t *a = frame[(5 * r + 2) % buffers], *b = frame[(5 * r + 3) % buffers],
            *c = frame[(5 * r + 4) % buffers];
    long t0 = now_ns();
    memcpy(to, from, bytes);
    long t1 = now_ns();
    absdiff(a, b, c, bytes);
    long t2 = now_ns();
    copy_ns[r] = t1 - t0;
    diff_ns[r] = t2 - t1;
    sink += c[r % bytes];
  }
  qsort(copy_ns, reps, sizeof(long), by_value);
  qsort(diff_ns, reps, sizeof(long), by_value);
  printf("memcpy_ns=%ld absdiff_ns=%ld sink=%u\n", copy_ns[reps / 2], diff_ns[reps / 2], sink & 1);
  return 0;
}
