#version 450
// Sum of absolute B, G, R differences per tile; the fourth byte is ignored.
// One invocation per tile, 8x8 tiles per work group.
layout(local_size_x = 8, local_size_y = 8) in;

layout(std430, set = 0, binding = 0) readonly buffer Previous { uint previous[]; };
layout(std430, set = 0, binding = 1) readonly buffer Current { uint current[]; };
layout(std430, set = 0, binding = 2) writeonly buffer Sums { uint sums[]; };

layout(push_constant) uniform Frame {
  uint stridePixels;
  uint width;
  uint height;
  uint tile;
  uint tilesX;
  uint tilesY;
} frame;

uint channelDiff(uint a, uint b, uint shift) {
  return uint(abs(int((a >> shift) & 0xFFu) - int((b >> shift) & 0xFFu)));
}

void main() {
  uint tx = gl_GlobalInvocationID.x;
  uint ty = gl_GlobalInvocationID.y;
  if (tx >= frame.tilesX || ty >= frame.tilesY) {
    return;
  }
  uint x0 = tx * frame.tile;
  uint y0 = ty * frame.tile;
  uint x1 = min(x0 + frame.tile, frame.width);
  uint y1 = min(y0 + frame.tile, frame.height);
  uint sum = 0u;
  for (uint y = y0; y < y1; y++) {
    uint row = y * frame.stridePixels;
    for (uint x = x0; x < x1; x++) {
      uint a = previous[row + x];
      uint b = current[row + x];
      sum += channelDiff(a, b, 0u) + channelDiff(a, b, 8u) + channelDiff(a, b, 16u);
    }
  }
  sums[ty * frame.tilesX + tx] = sum;
}
