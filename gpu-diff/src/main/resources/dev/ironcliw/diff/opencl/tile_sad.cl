// Sum of absolute B, G, R differences per tile; the fourth byte is ignored.
// One work-item per tile: the layout that was fastest on CPU devices (pocl), where each
// work-item runs as a loop over cache-friendly rows.
__kernel void tile_sad(__global const uchar4 *previous,
                       __global const uchar4 *current,
                       const int stride_pixels,
                       const int width,
                       const int height,
                       const int tile,
                       __global uint *sad) {
  const int tx = get_global_id(0);
  const int ty = get_global_id(1);
  const int x0 = tx * tile;
  const int y0 = ty * tile;
  const int x1 = min(x0 + tile, width);
  const int y1 = min(y0 + tile, height);
  uint sum = 0;
  for (int y = y0; y < y1; y++) {
    __global const uchar4 *a = previous + (size_t) y * stride_pixels;
    __global const uchar4 *b = current + (size_t) y * stride_pixels;
    for (int x = x0; x < x1; x++) {
      const uchar4 d = abs_diff(a[x], b[x]);
      sum += d.x + d.y + d.z;
    }
  }
  sad[ty * get_global_size(0) + tx] = sum;
}

// The same sums shaped for GPUs: one work group per tile whose work-items each sum every
// group-th pixel of the tile (neighbouring work-items read neighbouring pixels, so reads
// coalesce), then a tree reduction in local memory. The group size is a power of two of at most
// MAX_GROUP, chosen by the host from the kernel's own limit.
__kernel void tile_sad_group(__global const uchar4 *previous,
                    __global const uchar4 *current,
                    const int stride_pixels,
                    const int width,
                    const int height,
                    const int tile,
                    __global uint *sad) {
  __local uint partial[MAX_GROUP];
  const int t = get_group_id(0);
  const int lid = get_local_id(0);
  const int group = get_local_size(0);
  const int tiles_x = (width + tile - 1) / tile;
  const int x0 = (t % tiles_x) * tile;
  const int y0 = (t / tiles_x) * tile;
  const int w = min(x0 + tile, width) - x0;
  const int n = w * (min(y0 + tile, height) - y0);
  uint sum = 0;
  for (int i = lid; i < n; i += group) {
    const size_t at = (size_t) (y0 + i / w) * stride_pixels + x0 + i % w;
    const uchar4 d = abs_diff(previous[at], current[at]);
    sum += d.x + d.y + d.z;
  }
  partial[lid] = sum;
  barrier(CLK_LOCAL_MEM_FENCE);
  for (int s = group / 2; s > 0; s >>= 1) {
    if (lid < s) {
      partial[lid] += partial[lid + s];
    }
    barrier(CLK_LOCAL_MEM_FENCE);
  }
  if (lid == 0) {
    sad[t] = partial[0];
  }
}
