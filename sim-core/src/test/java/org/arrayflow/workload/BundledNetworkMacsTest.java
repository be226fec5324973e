package org.arrayflow.workload;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Total MACs of the bundled workloads against published figures (batch 1). The sources are cited per
 * network; where a figure is only published rounded, the tolerance is the rounding.
 */
class BundledNetworkMacsTest {
    private static Network load(String name) {
        return WorkloadLoader.load(name, 0);
    }

    @Test
    void resnet50() {
        // torchvision resnet50 (v1.5, stride in the 3x3 conv): 4.09 GMACs; exactly 4,089,184,256 with the
        // fc1000 (2048 x 1000 = 2,048,000) and 4,087,136,256 without.
        Network n = load("resnet50");
        assertThat(n.macs()).isEqualTo(4_089_184_256L);
        assertThat(n.layer("fc1000").macs()).isEqualTo(2048L * 1000);
    }

    @Test
    void vgg16() {
        // VGG-16 (configuration D, 224x224): the commonly cited 15.47 GMACs (e.g. torchvision's 15.47 GFLOPS
        // counted as multiply-adds); rounding tolerance 0.005 G.
        assertThat((double) load("vgg16").macs()).isCloseTo(15.47e9, within(0.005e9));
    }

    @Test
    void vgg19() {
        // VGG-19 (configuration E): the commonly cited 19.6 GMACs (torchvision 19.63 GFLOPS); tolerance 0.05 G.
        assertThat((double) load("vgg19").macs()).isCloseTo(19.6e9, within(0.05e9));
    }

    @Test
    void mobilenetV2() {
        // Sandler et al., CVPR 2018, Table 4: 300M multiply-adds (torchvision: 300.8M); tolerance 1%.
        assertThat((double) load("mobilenet-v2").macs()).isCloseTo(300e6, within(3e6));
    }

    @Test
    void alexnetEyerissVariant() {
        // Chen et al., Eyeriss (ISCA 2016 Table II / JSSC 2017): conv1..conv5 MACs per 227x227 image.
        Network n = load("alexnet");
        assertThat(n.layer("conv1").macs()).isEqualTo(105_415_200L);
        assertThat(n.layer("conv2").macs()).isEqualTo(223_948_800L);
        assertThat(n.layer("conv3").macs()).isEqualTo(149_520_384L);
        assertThat(n.layer("conv4").macs()).isEqualTo(112_140_288L);
        assertThat(n.layer("conv5").macs()).isEqualTo(74_760_192L);
        long conv = n.layers().stream().filter(l -> l.kind() == LayerKind.CONV2D).mapToLong(Layer::macs).sum();
        assertThat(conv).isEqualTo(665_784_864L);
        // fc6 9216 x 4096, fc7 4096 x 4096, fc8 4096 x 1000
        assertThat(n.macs() - conv).isEqualTo(9216L * 4096 + 4096L * 4096 + 4096L * 1000);
    }

    @Test
    void bertBase() {
        // Devlin et al. 2019, BERT-base (H=768, A=12, FFN 3072, L=12), sequence 128: per layer Q, K, V and the
        // output projection 4 x 128 x 768 x 768, scores and context 2 x 12 heads x 128 x 128 x 64, FFN
        // 2 x 128 x 768 x 3072; 12 layers = 11,173,625,856.
        long perLayer = 4L * 128 * 768 * 768 + 2L * 12 * 128 * 128 * 64 + 2L * 128 * 768 * 3072;
        assertThat(12 * perLayer).isEqualTo(11_173_625_856L);
        assertThat(load("bert-base").macs()).isEqualTo(12 * perLayer);
    }

    @Test
    void yolov3At416() {
        // Redmon and Farhadi 2018 (arXiv:1804.02767) and darknet's cfg/yolov3.cfg: the YOLOv3-416 row of the table
        // on pjreddie.com/darknet/yolo gives 65.86 Bn FLOPs, darknet's per-convolution BFLOPs (2 per MAC) summed.
        // Derived here from the cfg's structure, convolution by convolution (C_in x C_out x k x k x H_out x W_out):
        // a Python count of the same 75 convolutions gives 32,932,037,632 MACs = 65.864 BFLOPs.
        Network n = load("yolov3-416");
        assertThat(n.macs()).isEqualTo(32_932_037_632L);
        assertThat(2.0 * n.macs() / 1e9).isCloseTo(65.86, within(0.005));
        assertThat(n.layers().stream().filter(l -> l.kind() == LayerKind.CONV2D).count()).isEqualTo(75);
        // the first convolution: 3 x 32 x 9 x 416 x 416
        assertThat(n.layer("conv0").macs()).isEqualTo(3L * 32 * 9 * 416 * 416);
        // route 61 and 36 of the cfg: upsampled 256 (128) channels joined with the backbone's 512 (256)
        assertThat(n.layer("h2_cat").output()).isEqualTo(new Shape(768, 26, 26));
        assertThat(n.layer("h3_cat").output()).isEqualTo(new Shape(384, 52, 52));
        assertThat(n.layer("h1_out").output()).isEqualTo(new Shape(255, 13, 13));
        assertThat(n.layer("h3_out").output()).isEqualTo(new Shape(255, 52, 52));
        // 23 residual adds (1 + 2 + 8 + 8 + 4), 72 leaky ReLUs (every convolution but the three outputs)
        assertThat(n.layers().stream().filter(l -> l.kind() == LayerKind.ADD).count()).isEqualTo(23);
        assertThat(n.layers().stream().filter(l -> l.kind() == LayerKind.ACTIVATION).count()).isEqualTo(72);
    }

    @Test
    void unetAt572() {
        // Ronneberger et al. 2015, Fig. 1: valid 3x3 convolutions (C_in x C_out x 9 x H_out x W_out), 2x2
        // up-convolutions of stride 2 (each output pixel gets one tap: C_in x C_out x H_out x W_out), a 1x1 to 2
        // classes. By hand, output sizes 570 568 | 282 280 | 138 136 | 66 64 | 30 28, then up to 56 (54 52), 104
        // (102 100), 200 (198 196), 392 (390 388), 388:
        long macs = 570L * 570 * 1 * 64 * 9 + 568L * 568 * 64 * 64 * 9
                + 282L * 282 * 64 * 128 * 9 + 280L * 280 * 128 * 128 * 9
                + 138L * 138 * 128 * 256 * 9 + 136L * 136 * 256 * 256 * 9
                + 66L * 66 * 256 * 512 * 9 + 64L * 64 * 512 * 512 * 9
                + 30L * 30 * 512 * 1024 * 9 + 28L * 28 * 1024 * 1024 * 9
                + 56L * 56 * 1024 * 512 + 54L * 54 * 1024 * 512 * 9 + 52L * 52 * 512 * 512 * 9
                + 104L * 104 * 512 * 256 + 102L * 102 * 512 * 256 * 9 + 100L * 100 * 256 * 256 * 9
                + 200L * 200 * 256 * 128 + 198L * 198 * 256 * 128 * 9 + 196L * 196 * 128 * 128 * 9
                + 392L * 392 * 128 * 64 + 390L * 390 * 128 * 64 * 9 + 388L * 388 * 64 * 64 * 9
                + 388L * 388 * 64 * 2;
        Network n = load("unet");
        assertThat(n.macs()).isEqualTo(macs).isEqualTo(150_428_424_448L);
        // 23 convolutions, as the paper counts them; weights 31,023,808 (+ 6,850 biases: the cited 31.03 M)
        assertThat(n.layers().stream().filter(l -> l.kind() == LayerKind.CONV2D || l.kind() == LayerKind.CONV_TRANSPOSE)
                .count()).isEqualTo(23);
        assertThat(n.weights()).isEqualTo(31_023_808L);
        assertThat(n.layer("classes").output()).isEqualTo(new Shape(2, 388, 388));
        // the skip connections: 568 cropped to 392 (88 a side), concatenated with the up-convolution's 64 channels
        assertThat(n.layer("crop1").output()).isEqualTo(new Shape(64, 392, 392));
        assertThat(n.layer("cat1").output()).isEqualTo(new Shape(128, 392, 392));
    }

    @Test
    void batchScalesMacs() {
        assertThat(WorkloadLoader.load("resnet50", 4).macs()).isEqualTo(4 * 4_089_184_256L);
    }
}
