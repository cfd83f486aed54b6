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
